import { portsOf, type Rule } from './types';

/** IANA leaves 49152-65535 for dynamic use; the OS may hand the same port to an outgoing connection. */
export const dynamicRange: Rule = {
  id: 'dynamicRange',
  description: 'A fixed port in the Dynamic/Private range 49152–65535.',
  check: (ctx) =>
    portsOf(ctx)
      // A range reaching up from below 49152 (`1024:65535` in an ACL) matches ports; it binds none.
      .filter((o) => o.port >= 49152 && o.port <= 65535 && !(o.rangeLo !== undefined && o.rangeLo < 49152))
      .map((o) => ({
        start: o.start, end: o.end, port: o.port,
        message: `Port ${o.port} is in the Dynamic/Private range (49152–65535), which operating systems hand out for outgoing connections, so it may already be taken. Use a fixed port in the User range (1024–49151).`,
      })),
};
