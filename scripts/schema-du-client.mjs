// The schema a GraphQL client builds from Maillage's introspection (graphql-js's buildClientSchema, as
// GraphiQL, Apollo and code generators do), printed sorted; with --sdl, the committed schema.graphql printed
// the same way, for comparison. Used by the test preuves.rs::the_standard_introspection_query_…
//   node scripts/schema-du-client.mjs reponse-introspection.json
//   node scripts/schema-du-client.mjs --sdl schema.graphql
import { readFileSync } from "node:fs";
import { buildClientSchema, buildSchema, lexicographicSortSchema, printSchema } from "graphql";

const [option, fichier] = process.argv.slice(2);
const schema =
  option === "--sdl"
    ? buildSchema(readFileSync(fichier, "utf8"))
    : buildClientSchema(JSON.parse(readFileSync(option, "utf8")));
process.stdout.write(printSchema(lexicographicSortSchema(schema)));
