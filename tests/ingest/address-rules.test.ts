import { describe, expect, it } from 'vitest';
import { addressRange, isPrivateAddress } from '../../src/ingest/address-rules.js';

describe('addressRange refuses every range that is not public unicast', () => {
  it.each([
    // IPv4
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['10.0.0.1', 'private'],
    ['10.255.255.255', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['169.254.0.1', 'linkLocal'],
    ['169.254.169.254', 'linkLocal'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['100.127.255.254', 'carrierGradeNat'],
    ['192.0.0.8', 'reserved'],
    ['192.0.2.1', 'reserved'], // documentation TEST-NET-1
    ['198.51.100.7', 'reserved'], // documentation TEST-NET-2
    ['203.0.113.1', 'reserved'], // documentation TEST-NET-3
    ['198.18.0.1', 'reserved'], // benchmarking
    ['198.19.255.255', 'reserved'],
    ['192.88.99.1', 'reserved'], // 6to4 relay anycast
    ['240.0.0.1', 'reserved'],
    ['192.175.48.1', 'as112'],
    ['192.52.193.1', 'amt'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    // IPv6
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['[::1]', 'loopback'],
    ['0:0:0:0:0:0:0:1', 'loopback'],
    ['fe80::1', 'linkLocal'],
    ['fe80::1%eth0', 'linkLocal'],
    ['febf:ffff::1', 'linkLocal'],
    ['fc00::1', 'uniqueLocal'],
    ['fd12:3456:789a::1', 'uniqueLocal'],
    ['fec0::1', 'deprecatedSiteLocal'],
    ['ff02::1', 'multicast'],
    ['100::1', 'discard'],
    ['2001:db8::1', 'reserved'], // documentation
    ['2001:db8:ffff::1', 'reserved'],
    ['3fff::1', 'reserved'], // documentation (RFC 9637)
    ['2001:100::1', 'reserved'], // IETF protocol assignments 2001::/23
    ['2001:2::1', 'benchmarking'],
    ['2001:3::1', 'amt'],
    ['2001:4:112::1', 'as112v6'],
    ['2001:20::1', 'orchid2'],
    ['2001:30::1', 'droneRemoteIdProtocolEntityTags'],
    ['5f00::1', 'segmentRouting'],
    // Teredo is always refused, whatever the server and client addresses it embeds.
    ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'teredo'],
    ['2001::808:808:0:0:f7f7:f7f7', 'teredo'],
    // IPv4-mapped, -translated and -compatible: refused whichever IPv4 they carry.
    ['::ffff:127.0.0.1', 'ipv4Mapped'],
    ['::ffff:7f00:1', 'ipv4Mapped'],
    ['::FFFF:10.0.0.1', 'ipv4Mapped'],
    ['::ffff:169.254.169.254', 'ipv4Mapped'],
    ['0:0:0:0:0:ffff:c0a8:101', 'ipv4Mapped'],
    ['::ffff:8.8.8.8', 'ipv4Mapped'],
    ['::ffff:5db8:d822', 'ipv4Mapped'],
    ['::ffff:0:127.0.0.1', 'rfc6145'],
    ['::ffff:0:8.8.8.8', 'rfc6145'],
    ['::7f00:1', 'ipv4Compatible'],
    ['::808:808', 'ipv4Compatible'],
    // ipaddr.js 2.5 parses the dotted ::a.b.c.d (IPv4-compatible) as mapped; refused either way.
    ['::127.0.0.1', 'ipv4Mapped'],
    ['::8.8.8.8', 'ipv4Mapped'],
    // NAT64 and 6to4 are as public as the IPv4 they embed.
    ['64:ff9b::10.0.0.1', 'rfc6052/private'],
    ['64:ff9b::7f00:1', 'rfc6052/loopback'],
    ['64:ff9b::a9fe:a9fe', 'rfc6052/linkLocal'],
    ['64:ff9b::203.0.113.9', 'rfc6052/reserved'],
    ['64:ff9b:1::808:808', 'rfc6052'], // local-use NAT64: refused outright
    ['2002:7f00:1::', '6to4/loopback'],
    ['2002:c0a8:101::1', '6to4/private'],
    ['2002:a9fe:a9fe::1', '6to4/linkLocal'],
    ['2002:c633:6401::1', '6to4/reserved'],
    ['2002:e000:1::1', '6to4/multicast'],
    // Not an address in the strict sense: refused, never guessed at.
    ['not an address', 'invalid'],
    ['localhost', 'invalid'],
    ['2130706433', 'invalid'],
    ['0x7f.1', 'invalid'],
    ['127.1', 'invalid'],
    ['', 'invalid'],
  ])('%s is %s, and refused', (address, range) => {
    expect(addressRange(address)).toBe(range);
    expect(isPrivateAddress(address)).toBe(true);
  });
});

describe('addressRange lets public unicast through', () => {
  it.each([
    '1.1.1.1',
    '8.8.8.8',
    '93.184.216.34',
    '9.255.255.255',
    '11.0.0.0',
    '100.63.255.255',
    '100.128.0.0',
    '126.255.255.255',
    '128.0.0.0',
    '169.253.255.255',
    '169.255.0.0',
    '172.15.255.255',
    '172.32.0.0',
    '192.0.1.1',
    '192.0.3.0',
    '192.167.255.255',
    '192.169.0.0',
    '198.17.255.255',
    '198.20.0.0',
    '198.51.99.255',
    '203.0.112.255',
    '203.0.114.0',
    '223.255.255.255',
    '2606:4700:4700::1111',
    '2001:4860:4860::8888',
    '2001:200::1',
    '2001:db7:ffff::1',
    '2001:db9::1',
    '[2606:4700:4700::1111]',
    '64:ff9b::8.8.8.8',
    '64:ff9b::5db8:d822',
    '2002:808:808::1',
    'fbff::1',
    'fe00::1',
  ])('%s is unicast', (address) => {
    expect(addressRange(address)).toBe('unicast');
    expect(isPrivateAddress(address)).toBe(false);
  });
});
