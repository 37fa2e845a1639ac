import { describe, expect, it } from '@jest/globals';
import { clientNetwork } from './client-network.js';

describe('clientNetwork', () => {
  it('keeps an IPv4 address, also when mapped into IPv6', () => {
    expect(clientNetwork('203.0.113.7')).toBe('203.0.113.7');
    expect(clientNetwork('::ffff:203.0.113.7')).toBe('203.0.113.7');
  });

  it('reduces an IPv6 address to its /64, however it is written', () => {
    const net = '2001:db8:aa:1::/64';
    expect(clientNetwork('2001:db8:aa:1::1')).toBe(net);
    expect(clientNetwork('2001:0DB8:00aa:0001:ffff:1:2:3')).toBe(net);
    expect(clientNetwork('2001:db8:aa:1:0:0:0:9%eth0')).toBe(net);
    expect(clientNetwork('2001:db8:aa:2::1')).not.toBe(net);
  });

  it('fills the groups a :: leaves out', () => {
    expect(clientNetwork('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(clientNetwork('::1')).toBe('0:0:0:0::/64');
    expect(clientNetwork('fe80::')).toBe('fe80:0:0:0::/64');
    expect(clientNetwork('64:ff9b::192.0.2.1')).toBe('64:ff9b:0:0::/64');
  });
});
