import './supported-node.js';
import { parseCommandLine, SeamConfig } from '#platform/config';
import { AuthOptions, issueDevToken } from '#platform/http';

/**
 * `npm run token -- --customer c1` or `npm run token -- --admin`: prints a bearer token signed
 * with the local development key, for curl and Swagger UI. Refused when tokens come from a
 * JWKS issuer (SEAM_AUTH_JWKS_URL): then get one from that issuer.
 */
const USAGE = `usage: npm run token -- --customer <customer id> | --admin [--expires 12h]

Prints a bearer token signed with the local development key (.data/dev-jwt-secret, or
SEAM_AUTH_DEV_SECRET), for curl and Swagger UI.

  --customer <id>   a customer's token
  --admin           an administrator's token
  --expires <time>  lifetime, e.g. 30m, 12h, 7d (default 12h)
  -h, --help        this text
`;
const { values } = parseCommandLine(USAGE, {
  options: {
    customer: { type: 'string' },
    admin: { type: 'boolean', default: false },
    expires: { type: 'string', default: '12h' },
  },
});
if (!values.customer && !values.admin) {
  process.stderr.write(USAGE);
  process.exit(2);
}
const config = SeamConfig.fromEnv(process.env);
const auth = await AuthOptions.fromEnv(process.env, config.dataDir);
if (!auth.devSecret) {
  process.stderr.write(
    'Tokens come from the issuer at SEAM_AUTH_JWKS_URL; this helper signs only local development tokens.\n',
  );
  process.exit(1);
}
const token = await issueDevToken(auth.devSecret, {
  subject: values.customer ?? 'admin',
  roles: values.admin ? ['admin'] : [],
  expiresIn: values.expires,
});
process.stdout.write(`${token}\n`);
