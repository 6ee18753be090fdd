/**
 * The leak audit's scanner. A secret counts as leaked when any artifact byte sequence contains:
 * its raw value, encodeURIComponent, form encoding (+ for space), base64 / base64 without padding / base64url,
 * or the stable middle of its base64 encoding at byte offsets 1 and 2 (so base64 of "user:secret", of a
 * basic-auth header or of any larger string holding the secret is found too), or JSON-escaped form.
 * Written independently of the core's Redactor, so the audit does not trust the code it audits.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';

export function secretForms(secret: string): string[] {
  const forms = new Set<string>([
    secret,
    encodeURIComponent(secret),
    encodeURIComponent(secret).replace(/%20/g, '+'),
    JSON.stringify(secret).slice(1, -1),
  ]);
  const bytes = Buffer.from(secret, 'utf8');
  for (const offset of [0, 1, 2]) {
    const b64 = Buffer.concat([Buffer.alloc(offset, 0x78), bytes]).toString('base64');
    if (offset === 0) {
      forms.add(b64);
      forms.add(b64.replace(/=+$/, ''));
      forms.add(bytes.toString('base64url'));
    }
    // Characters 0..3 may mix prefix bits, the last 4 may mix suffix bits or padding: keep the stable middle.
    const stable = b64.slice(4, b64.length - 4);
    if (stable.length >= 8) {
      forms.add(stable);
      forms.add(stable.replace(/\+/g, '-').replace(/\//g, '_'));
    }
  }
  return [...forms].filter((f) => f.length >= 3);
}

export interface Hit {
  where: string;
  secret: string;
  form: string;
}

/** Every (artifact, secret form) hit in the given artifacts. Buffers are searched as bytes. */
export function scan(artifacts: Record<string, string | Buffer>, secrets: Record<string, string>): Hit[] {
  const hits: Hit[] = [];
  const needles = Object.entries(secrets).flatMap(([name, value]) =>
    secretForms(value).map((form) => ({ name, form, bytes: Buffer.from(form, 'utf8') })),
  );
  for (const [where, content] of Object.entries(artifacts)) {
    const hay = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    for (const n of needles) if (hay.includes(n.bytes)) hits.push({ where, secret: n.name, form: n.form });
  }
  return hits;
}

/** Every regular file under dir (all of them, .git included only if asked), as `prefix:relative path` -> bytes. */
export async function dirArtifacts(dir: string, prefix: string): Promise<Record<string, Buffer>> {
  const out: Record<string, Buffer> = {};
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const parent = (entry as unknown as { parentPath?: string; path: string }).parentPath ?? entry.path;
    out[`${prefix}:${relative(dir, join(parent, entry.name))}`] = await readFile(join(parent, entry.name));
  }
  return out;
}
