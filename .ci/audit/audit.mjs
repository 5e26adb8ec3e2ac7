// Runs the graphql-http server audit against PARLEY_URL (default
// http://127.0.0.1:8080/graphql) and prints every result. It exits 1 if
// any MUST of the GraphQL-over-HTTP spec fails; SHOULDs and MAYs that fail
// are printed as warnings.
import { auditServer } from 'graphql-http';

const url = process.env.PARLEY_URL || 'http://127.0.0.1:8080/graphql';
const results = await auditServer({ url });

let errors = 0, warns = 0, oks = 0;
for (const r of results) {
  if (r.status === 'ok') { oks++; continue; }
  if (r.status === 'error') errors++; else warns++;
  console.log(`${r.status.toUpperCase()}: ${r.name}: ${r.reason}`);
}
console.log(`graphql-http audit of ${url}: ${oks} passed, ${errors} failed, ${warns} warnings`);
process.exit(errors > 0 ? 1 : 0);
