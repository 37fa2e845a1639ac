// Placeholder until its screen lands (issue 11).
export default function AuditPage() {
  return <div data-testid="AuditPage" />;
}
