import { crc32, deflateRawSync } from 'node:zlib';

// A minimal zip writer for crafted spreadsheets (bombs, lying sizes): exceljs cannot write those.
export interface ZipPart {
  name: string;
  // The content, or a repeated chunk for a part far larger than the test should hold in memory.
  data: Buffer | { chunk: Buffer; times: number };
  // Declared uncompressed size, when the test wants it to lie.
  declaredSize?: number;
}

function deflated(data: ZipPart['data']): { body: Buffer; crc: number; size: number } {
  if (Buffer.isBuffer(data))
    return { body: deflateRawSync(data), crc: crc32(data), size: data.length };
  // Repeated chunks compress to almost nothing; built as one buffer only once, then freed.
  const whole = Buffer.alloc(data.chunk.length * data.times);
  for (let i = 0; i < data.times; i++) data.chunk.copy(whole, i * data.chunk.length);
  return { body: deflateRawSync(whole, { level: 9 }), crc: crc32(whole), size: whole.length };
}

export function zip(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name, 'utf8');
    const { body, crc, size } = deflated(part.data);
    const declared = part.declaredSize ?? size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(declared, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc >>> 0, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(declared, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}
