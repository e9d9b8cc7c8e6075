import t from 'tap'
import { isPrivateAddress } from '../../../apps/api/src/webhooks/endpoint-address.ts'

// What a webhook's address, or the address its name resolves to, may not be: every spelling of a
// private one an attacker could register or point a name at.
t.test('private addresses are refused however they are written', async (t) => {
  for (const address of [
    '127.0.0.1',
    '10.1.2.3',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '198.18.0.1',
    '224.0.0.251',
    '255.255.255.255',
    '::1',
    '::',
    'fd12:3456::1',
    'fe80::1',
    'fec0::1',
    'ff02::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::FFFF:A9FE:A9FE',
    '0:0:0:0:0:ffff:a00:1',
    '::127.0.0.1',
    '::ffff:0:7f00:1',
    '64:ff9b::169.254.169.254',
    '64:ff9b:1::a00:1',
    '2002:7f00:1::', // 6to4 of 127.0.0.1
    '2002:a9fe:a9fe::1', // 6to4 of 169.254.169.254
    '2001:0:4136:e378:8000:63bf:3fff:fdd2', // Teredo
    '2001:db8::1', // documentation
  ])
    t.ok(isPrivateAddress(address), `${address} is refused`)
})

t.test('public addresses pass, embedded in IPv6 too; names are not addresses', async (t) => {
  for (const address of [
    '8.8.8.8',
    '93.184.216.34',
    '172.32.0.1',
    '2001:4860:4860::8888',
    '::ffff:8.8.8.8',
    '64:ff9b::8.8.8.8',
    '2002:808:808::1', // 6to4 of 8.8.8.8
    'hooks.example.org',
    'localhost',
  ])
    t.notOk(isPrivateAddress(address), `${address} passes`)
})
