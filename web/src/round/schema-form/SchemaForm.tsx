import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, InputNumber, Select, Switch } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Field, Reference } from './schema.js';

export type ReferenceOptions = Record<Reference, { value: string; label: string }[]>;

// Draws the fields schema.ts describes with Ant Design inputs, inside the caller's <Form>. Labels come
// from the field-name glossary (round.fields.*) where it has the name, else the name itself; the
// help text is the schema's description, in Chinese its `x-zh`.
export function SchemaFields({
  fields,
  references,
  prefix = [],
}: {
  fields: Field[];
  references: ReferenceOptions;
  prefix?: (string | number)[];
}) {
  return (
    <>
      {fields.map((f) => (
        <SchemaField key={f.name} field={f} name={[...prefix, f.name]} references={references} />
      ))}
    </>
  );
}

// The help under a field in the reader's language: the Chinese the API gives beside its English.
export function useFieldHelp() {
  const { i18n } = useTranslation();
  return (f: Field) =>
    i18n.language === 'zh' ? (f.descriptionZh ?? f.description) : f.description;
}

export function useFieldLabel() {
  const { t, i18n } = useTranslation();
  return (name: string) =>
    i18n.exists(`roundFields.${name}`) ? t(`roundFields.${name}`) : humanize(name);
}

const humanize = (name: string) =>
  name.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/^./, (c) => c.toUpperCase());

function SchemaField({
  field: f,
  name,
  references,
  rowLabel,
}: {
  field: Field;
  name: (string | number)[];
  references: ReferenceOptions;
  rowLabel?: string;
}) {
  const { t } = useTranslation();
  const label = useFieldLabel();
  const help = useFieldHelp();
  const text = rowLabel ? `${label(f.name)} ${rowLabel}` : label(f.name);
  const mustFill = f.required && !f.nullable && f.kind !== 'boolean' && f.kind !== 'objectList';
  const common = {
    name,
    label: text,
    required: mustFill,
    rules: mustFill ? [{ required: true, message: t('round.fieldRequired', { field: text }) }] : [],
    extra: help(f),
  };
  let control: ReactNode;
  switch (f.kind) {
    case 'object':
      return (
        <Card size="small" title={text} style={{ marginBottom: 12 }}>
          <SchemaFields fields={f.fields} references={references} prefix={name} />
        </Card>
      );
    case 'objectList':
      return <ObjectList field={f} name={name} references={references} />;
    case 'boolean':
      return (
        <Form.Item {...common} valuePropName="checked">
          <Switch />
        </Form.Item>
      );
    case 'text':
      control = f.long ? (
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={f.maxLength} />
      ) : (
        <Input maxLength={f.maxLength} placeholder={exampleOf(f.example)} />
      );
      break;
    case 'date':
      control = <Input type="date" />;
      break;
    case 'dateTime':
      control = <Input type="datetime-local" />;
      break;
    case 'integer':
    case 'number':
      control = (
        <InputNumber
          style={{ width: '100%', maxWidth: 240 }}
          min={f.minimum}
          max={f.maximum}
          precision={f.kind === 'integer' ? 0 : undefined}
        />
      );
      break;
    case 'enum':
      control = (
        <Select
          allowClear={!mustFill}
          options={f.options.map((o) => ({ value: o, label: enumLabel(t, o) }))}
        />
      );
      break;
    case 'reference':
      control = (
        <Select
          mode={f.multiple ? 'multiple' : undefined}
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          options={references[f.reference]}
        />
      );
      break;
    case 'textList':
      control = (
        <Select
          mode="tags"
          open={false}
          suffixIcon={null}
          tokenSeparators={[',', '，', ' ', '\n', ';']}
          placeholder={t('round.listHint')}
        />
      );
      break;
    default:
      control = <Input.TextArea autoSize={{ minRows: 2 }} placeholder="JSON" />;
  }
  return <Form.Item {...common}>{control}</Form.Item>;
}

const exampleOf = (example: unknown) =>
  typeof example === 'string' || typeof example === 'number' ? String(example) : undefined;

function enumLabel(t: (k: string) => string, value: string) {
  const key = `roundFields.enum.${value}`;
  const text = t(key);
  return text === key ? value : `${text} (${value})`;
}

// A list of objects (rate lines, baselines): one row per item, added and removed by the person.
function ObjectList({
  field: f,
  name,
  references,
}: {
  field: Extract<Field, { kind: 'objectList' }>;
  name: (string | number)[];
  references: ReferenceOptions;
}) {
  const { t } = useTranslation();
  const label = useFieldLabel();
  const help = useFieldHelp();
  const listLabel = label(f.name);
  return (
    <Form.Item label={listLabel} extra={help(f)} required={f.required}>
      <Form.List name={name}>
        {(rows, { add, remove }, { errors }) => (
          <div data-testid={`list-${f.name}`}>
            {rows.map((row, i) => (
              <div
                key={row.key}
                role="group"
                aria-label={`${listLabel} ${i + 1}`}
                style={{
                  display: 'flex',
                  flexWrap: 'wrap',
                  gap: 8,
                  alignItems: 'flex-start',
                  padding: '8px 8px 0',
                  marginBottom: 8,
                  border: '1px solid #d9d9d9',
                  borderRadius: 6,
                }}
              >
                {f.fields.map((inner) => (
                  <div key={inner.name} style={{ flex: '1 1 140px', minWidth: 0 }}>
                    <SchemaField
                      field={{ ...inner, description: undefined, descriptionZh: undefined }}
                      name={[row.name, inner.name]}
                      references={references}
                      rowLabel={String(i + 1)}
                    />
                  </div>
                ))}
                <Button
                  aria-label={t('round.removeRow', { list: listLabel, row: i + 1 })}
                  icon={<DeleteOutlined />}
                  onClick={() => remove(row.name)}
                  style={{ marginTop: 30 }}
                />
              </div>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})}>
              {t('round.addRow', { list: listLabel })}
            </Button>
            <Form.ErrorList errors={errors} />
          </div>
        )}
      </Form.List>
    </Form.Item>
  );
}
