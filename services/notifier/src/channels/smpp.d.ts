// The `smpp` package ships no types; this is the part the notifier and its tests use.
declare module 'smpp' {
  import type { EventEmitter } from 'node:events';
  export interface PDU {
    command: string;
    command_status: number;
    sequence_number: number;
    [field: string]: any;
    response(fields?: Record<string, unknown>): PDU;
  }
  export interface Session extends EventEmitter {
    send(pdu: PDU, onResponse?: (pdu: PDU) => void): boolean;
    close(callback?: () => void): void;
    destroy(callback?: () => void): void;
    pause(): void;
    resume(): void;
    bind_transceiver(fields: Record<string, unknown>, onResponse: (pdu: PDU) => void): void;
    submit_sm(fields: Record<string, unknown>, onResponse: (pdu: PDU) => void): void;
    deliver_sm(fields: Record<string, unknown>, onResponse?: (pdu: PDU) => void): void;
    enquire_link(fields?: Record<string, unknown>, onResponse?: (pdu: PDU) => void): void;
  }
  export interface Server extends EventEmitter {
    listen(port: number, host?: string, callback?: () => void): void;
    close(callback?: () => void): void;
    address(): { port: number };
  }
  export function connect(options: { url: string; auto_enquire_link_period?: number }, listener?: () => void): Session;
  export function createServer(options: Record<string, unknown>, listener: (session: Session) => void): Server;
  export const ESME_ROK: number;
  export const ESME_RTHROTTLED: number;
  export const ESME_RMSGQFUL: number;
  export const ESME_RSYSERR: number;
  export const ESME_RINVDSTADR: number;
  export const ESME_RBINDFAIL: number;
  const smpp: {
    connect: typeof connect;
    createServer: typeof createServer;
    ESME_ROK: number;
    ESME_RTHROTTLED: number;
    ESME_RMSGQFUL: number;
    ESME_RSYSERR: number;
    ESME_RINVDSTADR: number;
    ESME_RBINDFAIL: number;
  };
  export default smpp;
}
