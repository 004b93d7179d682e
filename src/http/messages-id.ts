// Indonesian texts of the answers every route shares: problem titles by type, and schema
// validation messages built from Ajv's keyword and parameters (Ajv's own texts are English).
// Domain rules phrase their own details; those stay as the service wrote them.

export const PROBLEM_TITLES_ID: Record<string, string> = {
  'bad-request': 'Permintaan tidak valid',
  validation: 'Isian tidak valid',
  unauthenticated: 'Belum masuk',
  forbidden: 'Akses ditolak',
  'not-found': 'Tidak ditemukan',
  conflict: 'Konflik',
  'account-locked': 'Dikunci sementara',
  'rate-limited': 'Terlalu banyak permintaan',
  unavailable: 'Layanan tidak tersedia',
  'bad-gateway': 'Layanan hulu gagal',
  csrf: 'Token CSRF tidak ada atau salah',
  'malformed-json': 'JSON tidak valid',
  'body-too-large': 'Isi permintaan terlalu besar',
  'unsupported-media-type': 'Jenis konten tidak didukung',
  internal: 'Kesalahan internal',
};

const TYPE_NAMES: Record<string, string> = {
  string: 'teks', integer: 'bilangan bulat', number: 'angka', boolean: 'benar/salah', object: 'objek', array: 'daftar', null: 'kosong (null)',
};

const FORMAT_NAMES: Record<string, string> = {
  date: 'tanggal (YYYY-MM-DD)', 'date-time': 'tanggal dan waktu (ISO 8601)', email: 'alamat e-mail', uri: 'URI', uuid: 'UUID', time: 'waktu',
};

const quote = (v: unknown) => JSON.stringify(v);

/** An Indonesian validation message for one Ajv error, or undefined for a keyword not listed. */
export function validationMessageId(keyword: string, params: Record<string, unknown>): string | undefined {
  switch (keyword) {
    case 'required': return 'wajib diisi';
    case 'additionalProperties': return 'tidak diperbolehkan di sini';
    case 'type': return `harus berupa ${String(params.type).split(',').map((t) => TYPE_NAMES[t] ?? t).join(' atau ')}`;
    case 'minimum': case 'maximum': case 'exclusiveMinimum': case 'exclusiveMaximum':
      return `harus ${String(params.comparison)} ${String(params.limit)}`;
    case 'minLength': return `paling sedikit ${String(params.limit)} karakter`;
    case 'maxLength': return `paling banyak ${String(params.limit)} karakter`;
    case 'minItems': return `paling sedikit ${String(params.limit)} butir`;
    case 'maxItems': return `paling banyak ${String(params.limit)} butir`;
    case 'minProperties': return `paling sedikit ${String(params.limit)} isian`;
    case 'maxProperties': return `paling banyak ${String(params.limit)} isian`;
    case 'uniqueItems': return `tidak boleh ada butir yang sama (butir ${String(params.j)} dan ${String(params.i)})`;
    case 'pattern': return 'bentuknya tidak sesuai';
    case 'format': return `harus berupa ${FORMAT_NAMES[String(params.format)] ?? String(params.format)}`;
    case 'enum': return `harus salah satu dari: ${(params.allowedValues as unknown[] | undefined)?.map(quote).join(', ') ?? ''}`;
    case 'const': return `harus ${quote(params.allowedValue)}`;
    case 'multipleOf': return `harus kelipatan ${String(params.multipleOf)}`;
    case 'anyOf': case 'oneOf': return 'tidak cocok dengan bentuk mana pun yang diizinkan';
    default: return undefined;
  }
}
