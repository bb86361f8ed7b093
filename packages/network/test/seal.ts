// Builds tensor files (model and checkpoint files) from any header text and data, with a correct
// SHA-256, as a hostile file would be made: the checksum is no signature, so every check behind
// it has to hold on its own.
import { createHash } from 'node:crypto';

/**
 * A file in the container's layout (magic, version 1, header length, SHA-256, header, padding to
 * 8 bytes, data) whatever the header says.
 */
export function sealTensorFile(
  headerText: string,
  data: Uint8Array = new Uint8Array(0),
): Uint8Array {
  const header = Buffer.from(headerText, 'utf8');
  const padded = header.length + ((8 - (header.length % 8)) % 8);
  const out = new Uint8Array(48 + padded + data.length);
  out.set(Buffer.from('DLMODEL\n', 'latin1'), 0);
  const view = new DataView(out.buffer);
  view.setUint32(8, 1, true);
  view.setUint32(12, header.length, true);
  out.set(header, 48);
  out.fill(0x20, 48 + header.length, 48 + padded);
  out.set(data, 48 + padded);
  return reseal(out);
}

/** Writes the SHA-256 of every byte except the checksum's own 32 into bytes 16…48, in place. */
export function reseal(bytes: Uint8Array): Uint8Array {
  const hash = createHash('sha256');
  hash.update(bytes.subarray(0, 16));
  hash.update(bytes.subarray(48));
  bytes.set(hash.digest(), 16);
  return bytes;
}
