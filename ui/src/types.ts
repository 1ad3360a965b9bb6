// The REST API's objects as the UI uses them (docs/openapi.json is the contract).

export type Role = 'admin' | 'operator' | 'viewer';

export interface Session {
  user: { id: number | null; username: string; role: Role };
  organization: { id: number; name: string };
  csrf_token: string;
}

export interface Page<T> {
  items: T[];
  total: number;
}

export interface Overview {
  month: {
    start: string;
    messages: number;
    recipients: number;
    delivered: number;
    delivery_rate: number;
    segments: number;
    cost_milli: number;
  };
  registrations_pending: number;
  replies_unread: number;
  gateway: { name: string; type: string; connected: boolean };
}

export type Encoding = 'gsm7' | 'ucs2';

export interface TextAnalysis {
  text: string;
  encoding: Encoding;
  characters: number;
  units: number;
  segments: number;
  parts: string[];
}

export interface Recipients {
  all?: boolean;
  contacts?: number[];
  groups?: number[];
  streets?: string[];
  phones?: string[];
}

export interface RecipientPreview {
  recipients: number;
  invalid_phones: string[];
}

export interface SendResult {
  id: number;
  recipients: number;
  encoding: Encoding;
  segments: number;
  total_segments: number;
  cost_milli: number;
  text: string;
  send_at: string;
}

export const DELIVERY_STATES = [
  'queued',
  'sending',
  'submitted',
  'delivered',
  'undeliverable',
  'expired',
  'failed',
  'cancelled',
] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];
export type Counts = Partial<Record<DeliveryState, number>>;

export interface Message {
  id: number;
  kind: 'bulk' | 'reply' | 'confirmation';
  body: string;
  text: string;
  encoding: Encoding;
  segments: number;
  urgent: boolean;
  transliterate: boolean;
  send_at: string;
  expires_at: string;
  created_at: string;
  created_by: number | null;
  in_reply_to: number | null;
  recipients: number;
  total_segments: number;
  counts: Counts;
}

export interface Delivery {
  id: number;
  message_id: number;
  phone: string;
  contact_id: number | null;
  state: DeliveryState;
  attempts: number;
  parts_total: number;
  parts_delivered: number;
  error: string;
  updated_at: string;
}

export interface Contact {
  id: number;
  phone: string;
  surname: string;
  first_name: string;
  street: string;
  house_number: string;
  orientation_number: string;
  company: string;
  status: 'active' | 'inactive';
  source: 'manual' | 'import' | 'registration';
  groups: number[];
  created_at: string;
  updated_at: string;
}

export type ContactInput = Partial<Omit<Contact, 'id' | 'source' | 'created_at' | 'updated_at'>>;

export interface Group {
  id: number;
  name: string;
  description: string;
  member_count: number;
}

export interface Street {
  street: string;
  contacts: number;
}

export interface Resident {
  id: number;
  surname: string;
  first_name: string;
  street: string;
  house_number: string;
  orientation_number: string;
  municipality: string;
  zip: string;
  birth_year: number;
}

export interface Registration {
  id: number;
  phone: string;
  surname: string;
  first_name: string;
  street: string;
  house_number: string;
  orientation_number: string;
  company: string;
  status: 'pending' | 'approved' | 'rejected';
  match: 'matched' | 'ambiguous' | 'unmatched';
  resident_id: number | null;
  candidates: number[];
  inbound_id: number | null;
  created_at: string;
  decided_at: string | null;
  decided_by: number | null;
}

export interface InboundSms {
  id: number;
  from: string;
  to: string;
  text: string;
  received_at: string;
  kind: 'pending' | 'registration' | 'unregistration' | 'reply' | 'invalid_command' | 'throttled';
  contact_id: number | null;
  in_reply_to: number | null;
  gateway: string;
  read: boolean;
}

// One citizen's conversation in the inbox (GET /api/v1/inbound/threads): the newest SMS of
// the phone number, how many of its SMS are unread and how many there are.
export interface InboundThread {
  phone: string;
  contact_id: number | null;
  contact_name: string | null;
  last: InboundSms;
  unread: number;
  count: number;
}

export interface ImportRowError {
  line: number;
  message: string;
}

export interface ImportReport {
  imported: number;
  errors: ImportRowError[];
  encoding: string;
}

export interface ContactImportReport {
  rows: number;
  created: number;
  updated: number;
  errors: ImportRowError[];
  dry_run: boolean;
  written: boolean;
}

export interface MessageTemplate {
  id: number;
  name: string;
  text: string;
  created_by: number | null;
  created_at: string;
}

export interface AuditEntry {
  id: number;
  user_id: number | null;
  actor: string;
  action: string;
  object: string;
  detail: string;
  at: string;
}

export interface User {
  id: number;
  username: string;
  role: Role;
  active: boolean;
  created_at: string;
}

export interface ApiToken {
  id: number;
  name: string;
  user_id: number | null;
  created_at: string;
  last_used_at: string | null;
  token?: string;
}

export interface OrganizationTexts {
  registration_received: string;
  registration_approved: string;
  registration_rejected: string;
  unregistered: string;
  help: string;
}

export interface Organization {
  id: number;
  name: string;
  central_number: string;
  prefix: string;
  signature: string;
  quiet_start_minute: number;
  quiet_end_minute: number;
  timezone: string;
  registration_policy: 'manual' | 'auto_approve_matched';
  price_per_segment_milli: number;
  transliterate_by_default: boolean;
  texts: OrganizationTexts;
}

export interface PrivacyExport {
  phone: string;
  exported_at: string;
  contact: Contact | null;
  groups: Group[];
  registrations: Registration[];
  inbound: InboundSms[];
  deliveries: (Delivery & { message_text: string; message_created_at: string })[];
}
