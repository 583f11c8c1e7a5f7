import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { crc32 } from './crc32';

/** A file tree for a channel package: pkg-relative path ("source/Main.brs") -> contents. */
export type FileTree = Record<string, string | Uint8Array>;

export { crc32 };

/**
 * Builds a zip archive in memory (deflate, no zip64, no directory entries).
 * Entries are written in sorted order so the same tree gives the same bytes.
 */
export function buildZip(files: FileTree): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const name of Object.keys(files).sort()) {
    const content = files[name];
    const raw = typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content);
    const packed = deflateRawSync(raw);
    const nameBytes = Buffer.from(name.replace(/\\/g, '/').replace(/^\/+/, ''), 'utf8');
    const crc = crc32(raw);
    // A local header (fields from byte 4) and its central directory entry (from byte 6) share
    // these fields in this order.
    const writeShared = (header: Buffer, at: number) => {
      header.writeUInt16LE(20, at); // version needed
      header.writeUInt16LE(0x0800, at + 2); // flags: UTF-8 names
      header.writeUInt16LE(8, at + 4); // deflate
      // DOS time 00:00, date 1980-01-01: fixed so builds are reproducible.
      header.writeUInt16LE(0, at + 6);
      header.writeUInt16LE((0 << 9) | (1 << 5) | 1, at + 8);
      header.writeUInt32LE(crc, at + 10);
      header.writeUInt32LE(packed.length, at + 14);
      header.writeUInt32LE(raw.length, at + 18);
      header.writeUInt16LE(nameBytes.length, at + 22);
      // then the extra field's length, 0 (and in the central entry comment, disk, attributes: 0)
    };

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    writeShared(local, 4);
    locals.push(local, nameBytes, packed);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // version made by
    writeShared(central, 6);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, nameBytes);

    offset += local.length + nameBytes.length + packed.length;
  }
  const centralSize = centrals.reduce((n, b) => n + b.length, 0);
  const count = Object.keys(files).length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(count, 8);
  end.writeUInt16LE(count, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}

/** A zip this reader cannot take apart; the message says what is wrong with it. */
export class ZipReadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ZipReadError';
  }
}

/**
 * Reads a channel package (stored or deflated entries, no zip64, no encryption) into a file
 * tree; directory entries are skipped. `what` names the archive in errors.
 */
export function readZip(zip: Uint8Array, what = 'zip'): FileTree {
  const buf = Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength);
  // The end-of-central-directory record sits in the last 22 bytes plus up to 64 KiB of comment.
  let end = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new ZipReadError(`${what}: not a zip archive (no end of central directory record)`);
  const count = buf.readUInt16LE(end + 10);
  let at = buf.readUInt32LE(end + 16);
  const out: FileTree = {};
  for (let n = 0; n < count; n++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== 0x02014b50) throw new ZipReadError(`${what}: central directory entry ${n} is damaged`);
    const flags = buf.readUInt16LE(at + 8);
    const method = buf.readUInt16LE(at + 10);
    const packedSize = buf.readUInt32LE(at + 20);
    const size = buf.readUInt32LE(at + 24);
    const nameLength = buf.readUInt16LE(at + 28);
    const extraLength = buf.readUInt16LE(at + 30);
    const commentLength = buf.readUInt16LE(at + 32);
    const localAt = buf.readUInt32LE(at + 42);
    const name = buf.toString('utf8', at + 46, at + 46 + nameLength);
    at += 46 + nameLength + extraLength + commentLength;
    if (name.endsWith('/')) continue;
    if (flags & 1) throw new ZipReadError(`${what}: ${name} is encrypted`);
    if (buf.readUInt32LE(localAt) !== 0x04034b50) throw new ZipReadError(`${what}: the local header of ${name} is damaged`);
    const dataAt = localAt + 30 + buf.readUInt16LE(localAt + 26) + buf.readUInt16LE(localAt + 28);
    const packed = buf.subarray(dataAt, dataAt + packedSize);
    let raw: Buffer;
    if (method === 0) raw = Buffer.from(packed);
    else if (method === 8) raw = inflateRawSync(packed);
    else throw new ZipReadError(`${what}: ${name} uses compression method ${method} (only stored and deflate are read)`);
    if (raw.length !== size || crc32(raw) !== buf.readUInt32LE(at - 46 - nameLength - extraLength - commentLength + 16)) {
      throw new ZipReadError(`${what}: ${name} does not match its size or CRC-32`);
    }
    out[name] = raw;
  }
  return out;
}
