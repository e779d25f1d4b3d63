import type { Generated } from 'kysely';

/**
 * Column types shared by SQLite and PostgreSQL. Timestamps are ISO-8601 UTC
 * text and booleans are 0/1 integers on both, so the same queries and
 * comparisons work everywhere; JSON is stored as text.
 */
export interface Database {
  settings: { key: string; value: string };
  stations: {
    id: string;
    name_zh: string;
    name_en: string;
    city: string;
    lon: number;
    lat: number;
    tags: string;
    official_name: string;
    official_phone: string;
    updated_at: string;
  };
  households: { id: string; community: string; address: string };
  residents: {
    id: string;
    household_id: string;
    name: string;
    card_number: string;
    birth_date: string;
    gender: string;
    pin_hash: string | null;
    failed_pins: number;
    locked_until: string | null;
    /** Sign-in reservation (see identity/signin.ts): no attempt before this instant. */
    next_attempt_at?: string | null;
    /** Nonce and lease of the one sign-in in flight for this account (optional: the seed leaves them NULL). */
    signin_token?: string | null;
    signin_until?: string | null;
    patient_id: string | null;
  };
  // ---- parking-server (deliberation v2, migration 030_deliberation_v2): the deliberation tables with their new columns. ----
  topics: {
    id: string;
    community: string;
    title_zh: string;
    title_en: string;
    summary_zh: string;
    summary_en: string;
    figures: string;
    official_answer_zh: string | null;
    official_answer_en: string | null;
    created_at: string;
    /** The site whose staff run this deliberation (a `site-admin` of another site may not); its time zone decides "overdue". */
    site_id: Generated<string | null>;
  };
  proposals: {
    id: string;
    topic_id: string;
    title_zh: string;
    title_en: string;
    body_zh: string;
    body_en: string;
    author_id: string | null;
    created_at: string;
    /** Supports needed before the proposal goes to a meeting. */
    threshold: Generated<number>;
    official_answer_zh: Generated<string | null>;
    official_answer_en: Generated<string | null>;
  };
  supports: { proposal_id: string; resident_id: string; created_at: string };
  comments: {
    id: string;
    proposal_id: string;
    resident_id: string;
    body: string;
    created_at: string;
    /** 1 once reports reached the threshold (until a staff review restores it) or staff removed it. */
    hidden: Generated<number>;
    /** The last staff review: 'restore' | 'remove'; reports before `reviewed_at` no longer count. */
    review: Generated<string | null>;
    reviewed_at: Generated<string | null>;
  };
  /** One report per resident per comment. */
  comment_reports: { comment_id: string; resident_id: string; created_at: string };
  meetings: {
    id: string;
    topic_id: string;
    starts_at: string;
    place_zh: string;
    place_en: string;
    agenda: string;
    minutes_zh: string | null;
    minutes_en: string | null;
    /** JSON `{ departments: {zh,en}[], residents: number }`. */
    attendance: Generated<string>;
    /** JSON `{zh,en}[]`. */
    decisions: Generated<string>;
  };
  motions: {
    id: string;
    topic_id: string;
    meeting_id: string | null;
    title_zh: string;
    title_en: string;
    opens_at: string;
    closes_at: string;
    body_zh: Generated<string>;
    body_en: Generated<string>;
    /** JSON `{ kind: 'majority' } | { kind: 'quorum', quorum: 0..1 }`. */
    rule: Generated<string>;
    show_counts_while_open: Generated<number>;
    /** JSON array of the choices offered (bad data may leave it empty). */
    choices: Generated<string>;
  };
  ballots: {
    motion_id: string;
    household_id: string;
    resident_id: string;
    choice: string;
    receipt: string;
    cast_at: string;
    updated_at: string;
  };
  progress: {
    id: string;
    topic_id: string;
    title_zh: string;
    title_en: string;
    owner: string;
    due_on: string;
    status: string;
    updated_at: string;
    proposal_id: Generated<string | null>;
    note: Generated<string | null>;
  };
  // ---- end parking-server ----
  fhir_resources: {
    type: string;
    id: string;
    patient_id: string;
    code: string | null;
    effective: string | null;
    resource: string;
  };
  library_items: {
    id: string;
    barcode: string;
    isbn: string;
    title_zh: string;
    title_en: string;
    author: string;
    initials: string;
    call_number: string;
    loanable: number;
  };
  patrons: {
    id: string;
    card_number: string;
    name: string;
    pin_hash: string | null;
    failed_pins: number;
    locked_until: string | null;
    /** Sign-in reservation (see identity/signin.ts): no attempt before this instant. */
    next_attempt_at?: string | null;
    /** Nonce and lease of the one sign-in in flight for this account (optional: the seed leaves them NULL). */
    signin_token?: string | null;
    signin_until?: string | null;
    expires_on: string;
    max_loans: number;
  };
  loans: {
    id: Generated<number>;
    item_id: string;
    patron_id: string;
    checked_out_at: string;
    due_at: string;
    returned_at: string | null;
    renewals: number;
  };
  holds: {
    id: Generated<number>;
    item_id: string;
    patron_id: string;
    placed_at: string;
    status: string;
    // --- library-server (migration 031): a ready hold's shelf deadline and sort bin.
    ready_until?: string | null;
    shelf_bin?: string | null;
  };
  fines: {
    id: Generated<number>;
    patron_id: string;
    amount_cents: number;
    reason: string;
    created_at: string;
    paid_at: string | null;
    // --- library-server (migration 031): the staff member who marked it paid.
    paid_by?: string | null;
  };
  // --- library-server (migration 031): per-site library policy.
  library_site_policy: {
    site_id: string;
    scan_alone_signin: number;
  };
  sites: {
    id: string;
    name_zh: string;
    name_en: string;
    lon: number;
    lat: number;
    services: string;
    official_name: string;
    official_phone: string;
    /** The station this kiosk stands in, if it is one: its name, position and official are the station's. */
    station_id: string | null;
    /** BCP 47 tag of the language the kiosk starts in and returns to when idle: `zh-CN` or `en`. */
    default_locale: string;
    /** Seconds without a touch before the kiosk returns to its home screen. */
    idle_seconds: number;
    /** IANA time zone of the clock on the home screen. */
    time_zone: string;
  };
  heartbeats: {
    device_id: string;
    site_id: string | null;
    version: string;
    uptime_s: number;
    last_interaction_at: string | null;
    received_at: string;
    /** Migration 021 (fleet page): null for beats from kiosks older than that. */
    online: number | null;
    queued_writes: number | null;
    last_error: string | null;
    last_error_at: string | null;
  };
  idempotency: {
    scope: string;
    key: string;
    fingerprint: string;
    status: number;
    response: string;
    created_at: string;
    /** Epoch ms; records older than 24 h are swept (null: written before the column existed). */
    created_ms: number | null;
  };
  /** A kiosk's credential: only the sha256 of its secret is kept. Times are epoch ms. */
  devices: {
    id: string;
    site_id: string;
    secret_hash: string;
    label: string | null;
    created_ms: number;
    revoked_ms: number | null;
  };
  /** One-time enrollment codes (hashed), valid 24 h. */
  enrollment_codes: {
    code_hash: string;
    site_id: string;
    created_ms: number;
    expires_ms: number;
    used_ms: number | null;
    device_id: string | null;
  };
  /** Rate-limit windows shared by every instance on one PostgreSQL. */
  rate_limits: { key: string; hits: number; reset_ms: number };
  audit_log: {
    id: Generated<number>;
    at: string;
    actor: string;
    action: string;
    subject: string;
    detail: string;
    /** The device the request came from (null for CLI and entries older than migration 006). */
    device_id: string | null;
    /** Hash chain (audit/chain.ts): a deleted or edited row breaks it. */
    prev_hash: string | null;
    hash: string | null;
    /** Which of the interleaved hash chains (audit/chain.ts) the entry belongs to. */
    chain: number | null;
  };
  /** Staff accounts (staff/accounts.ts): `admin` for every site, `site-admin` for one. */
  staff: {
    id: string;
    username: string;
    name: string;
    role: string;
    site_id: string | null;
    password_hash: string;
    failed_pins: number;
    locked_until: string | null;
    next_attempt_at: string | null;
    signin_token: string | null;
    signin_until: string | null;
    created_at: string;
  };
  /** Lockout counters for card numbers and usernames that do not exist, so they answer like real ones. */
  signin_phantoms: {
    kind: string;
    login: string;
    failed_pins: number;
    locked_until: string | null;
    next_attempt_at: string | null;
    signin_token: string | null;
    signin_until: string | null;
  };
  /** Every counted sign-in failure, per device, for the burst detector. */
  signin_failures: { id: Generated<number>; device_id: string; account: string; at: string };
  signin_devices: { device_id: string; throttled_until: string | null; alerted_at: string | null };
  /** One row per token: revoking the row revokes the token on every instance. */
  sessions: {
    id: string;
    subject: string;
    service: string;
    device_id: string;
    created_at: string;
    expires_at: string;
    revoked_at: string | null;
    revoked_reason: string | null;
  };
  // --- branch health (issue 11): migration 032_health_v2 ---
  /** What "take it with you" offers at a site; a site without a row offers 'qr'. */
  health_site_settings: {
    site_id: string;
    take_away: 'print' | 'qr' | 'none';
  };
  /** Single-use "take it with you" links (the code itself is never stored). */
  health_share_links: {
    code_hash: string;
    patient_id: string;
    resident_id: string;
    device_id: string | null;
    created_ms: number;
    expires_ms: number;
    used_ms: number | null;
  };
}
