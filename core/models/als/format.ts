import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { z } from 'zod';
import { DataFileError } from '../../errors.js';
import { AlsModel } from './model.js';

/**
 * Binary model file, little-endian:
 *   0  8 bytes  magic "MTALSMDL"
 *   8  u32      format version (ALS_FORMAT_VERSION)
 *  12  u32      header length H in bytes (JSON, UTF-8, space-padded to a multiple of 4)
 *  16  H bytes  header: kind, params, counts, user ids, item ids, item names
 *  …   f32      user factors (nUsers × factors), then item factors (nItems × factors)
 *  end u32      CRC-32 of every preceding byte
 * The exact expected length and the checksum catch truncated or damaged files before any factor is used.
 */
export const ALS_FORMAT_VERSION = 1;
const MAGIC = Buffer.from('MTALSMDL', 'latin1');
const PREFIX = 16;

const HeaderSchema = z.object({
  kind: z.enum(['track', 'artist']),
  factors: z.number().int().positive(),
  nUsers: z.number().int().nonnegative(),
  nItems: z.number().int().positive(),
  params: z.object({
    factors: z.number().int().positive(),
    iterations: z.number().int().nonnegative(),
    reg: z.number().positive(),
    alpha: z.number().nonnegative(),
    confidence: z.enum(['linear', 'log']),
    epsilon: z.number().positive(),
    cgSteps: z.number().int().positive(),
    seed: z.number().int().nonnegative(),
  }),
  userIds: z.array(z.string()),
  itemIds: z.array(z.string()),
  itemNames: z.array(z.string().nullable()).nullable(),
  createdAt: z.string(),
});

/** Serialises a model to the versioned binary format. */
export function encodeAlsModel(model: AlsModel): Buffer {
  const header = {
    kind: model.kind,
    factors: model.factors,
    nUsers: model.userIds.length,
    nItems: model.itemIds.length,
    params: model.params,
    userIds: model.userIds,
    itemIds: model.itemIds,
    itemNames: model.itemNames ?? null,
    createdAt: new Date().toISOString(),
  };
  let json = Buffer.from(JSON.stringify(header), 'utf8');
  const padded = Math.ceil(json.length / 4) * 4;
  if (padded !== json.length) json = Buffer.concat([json, Buffer.alloc(padded - json.length, 0x20)]);
  const prefix = Buffer.alloc(PREFIX);
  MAGIC.copy(prefix, 0);
  prefix.writeUInt32LE(ALS_FORMAT_VERSION, 8);
  prefix.writeUInt32LE(json.length, 12);
  const users = Buffer.from(
    model.userFactors.buffer,
    model.userFactors.byteOffset,
    model.userFactors.byteLength,
  );
  const items = Buffer.from(
    model.itemFactors.buffer,
    model.itemFactors.byteOffset,
    model.itemFactors.byteLength,
  );
  const body = Buffer.concat([prefix, json, users, items]);
  const trailer = Buffer.alloc(4);
  trailer.writeUInt32LE(crc32(body), 0);
  return Buffer.concat([body, trailer]);
}

/** Parses the binary format; every problem is a DataFileError naming `file` and what is wrong. */
export function decodeAlsModel(bytes: Buffer, file: string): AlsModel {
  const fail = (message: string): never => {
    throw new DataFileError(file, [{ message }]);
  };
  if (bytes.length < PREFIX + 4 || !bytes.subarray(0, 8).equals(MAGIC)) {
    fail('not a moodtune ALS model (bad magic bytes or file too short)');
  }
  const version = bytes.readUInt32LE(8);
  if (version !== ALS_FORMAT_VERSION) {
    fail(
      `ALS model format version ${version}; this build reads version ${ALS_FORMAT_VERSION}. Retrain with npm run train:als`,
    );
  }
  const headerLength = bytes.readUInt32LE(12);
  if (PREFIX + headerLength + 4 > bytes.length)
    fail(`truncated: header needs ${headerLength} bytes, file has ${bytes.length} in all`);
  let header: z.infer<typeof HeaderSchema>;
  try {
    const parsed = HeaderSchema.safeParse(
      JSON.parse(bytes.subarray(PREFIX, PREFIX + headerLength).toString('utf8')),
    );
    if (!parsed.success) {
      return fail(
        `invalid header: ${parsed.error.issues
          .slice(0, 3)
          .map((i) => `${i.path.join('.')}: ${i.message}`)
          .join(', ')}`,
      );
    }
    header = parsed.data;
  } catch (error) {
    if (error instanceof DataFileError) throw error;
    return fail('header is not valid JSON (damaged file)');
  }
  const { factors: f, nUsers, nItems } = header;
  if (header.params.factors !== f || header.userIds.length !== nUsers || header.itemIds.length !== nItems) {
    fail('header counts disagree with its id lists');
  }
  if (header.itemNames && header.itemNames.length !== nItems)
    fail('header item names disagree with item ids');
  const factorStart = PREFIX + headerLength;
  const expected = factorStart + 4 * f * (nUsers + nItems) + 4;
  if (bytes.length !== expected) {
    fail(
      `${bytes.length < expected ? 'truncated' : 'trailing bytes'}: expected ${expected} bytes for ${nUsers} users × ${nItems} items × ${f} factors, found ${bytes.length}`,
    );
  }
  if (crc32(bytes.subarray(0, expected - 4)) !== bytes.readUInt32LE(expected - 4))
    fail('checksum mismatch: the file is damaged');
  // Copies give 4-byte-aligned arrays whatever the Buffer's offset in its pool.
  const copy = (start: number, count: number) => {
    const out = new Float32Array(count);
    Buffer.from(out.buffer).set(bytes.subarray(start, start + count * 4));
    return out;
  };
  const userFactors = copy(factorStart, nUsers * f);
  const itemFactors = copy(factorStart + nUsers * f * 4, nItems * f);
  return new AlsModel({
    kind: header.kind,
    params: header.params,
    userIds: header.userIds,
    itemIds: header.itemIds,
    itemNames: header.itemNames ?? undefined,
    userFactors,
    itemFactors,
  });
}

/** Writes the model atomically (temp file in the same directory, then rename); creates the directory. */
export async function saveAlsModel(model: AlsModel, file: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  try {
    await writeFile(tmp, encodeAlsModel(model));
    await rename(tmp, file);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
}

/** Reads a model saved by `saveAlsModel`; throws DataFileError for a missing, foreign, old or damaged file. */
export async function loadAlsModel(file: string): Promise<AlsModel> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new DataFileError(
      file,
      [{ message: `cannot read the ALS model (${code}); train one with npm run train:als` }],
      {
        cause: error,
      },
    );
  }
  return decodeAlsModel(bytes, file);
}
