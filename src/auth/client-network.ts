import { isIPv6 } from 'node:net';

// What the login throttle counts against: an IPv4 address, or the /64 of an IPv6 address, because one
// IPv6 subscriber usually holds a whole /64 and could otherwise step to a fresh address per guess.
export function clientNetwork(address: string): string {
  const plain = address.replace(/%.*$/, '');
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(plain);
  if (mapped) return mapped[1];
  if (!isIPv6(plain)) return plain;
  const [head, tail] = plain.split('::');
  const headParts = head ? head.split(':') : [];
  let groups = headParts;
  if (tail !== undefined) {
    const tailParts = tail ? tail.split(':') : [];
    // An embedded dotted IPv4 at the end fills two groups.
    const tailWidth = tailParts.length + (tailParts.at(-1)?.includes('.') ? 1 : 0);
    const zeros = Array<string>(8 - headParts.length - tailWidth).fill('0');
    groups = [...headParts, ...zeros, ...tailParts];
  }
  const prefix = groups.slice(0, 4).map((g) => g.toLowerCase().replace(/^0+(?=.)/, ''));
  return `${prefix.join(':')}::/64`;
}
