// Hand-made client frames, for what a well-behaved client never sends:
// unmasked frames, reserved opcodes, invalid UTF-8.

import { randomBytes } from 'node:crypto';

/** One frame: opcode, payload (a Buffer or string), fin, mask. */
export function frame(opcode, payload, { fin = true, mask = true } = {}) {
  const body = Buffer.isBuffer(payload) ? payload : Buffer.from(payload, 'utf8');
  let head;
  if (body.length < 126) {
    head = Buffer.from([(fin ? 0x80 : 0) | opcode, (mask ? 0x80 : 0) | body.length]);
  } else if (body.length <= 0xffff) {
    head = Buffer.from([(fin ? 0x80 : 0) | opcode, (mask ? 0x80 : 0) | 126, body.length >> 8, body.length & 0xff]);
  } else {
    head = Buffer.alloc(10);
    head[0] = (fin ? 0x80 : 0) | opcode;
    head[1] = (mask ? 0x80 : 0) | 127;
    head.writeBigUInt64BE(BigInt(body.length), 2);
  }
  if (!mask) return Buffer.concat([head, body]);
  const key = randomBytes(4);
  const masked = Buffer.from(body.map((byte, i) => byte ^ key[i % 4]));
  return Buffer.concat([head, key, masked]);
}
