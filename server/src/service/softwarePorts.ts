import { normaliseImage } from './scan/vocabulary/common';

export { normaliseImage };

/**
 * What everyday software listens on by default, with aliases people type and the Docker images that run
 * it. IANA's registry says who registered a port, often decades ago; this table says what developers
 * meet there today. Every entry names its source, the software's own documentation, and everything
 * built from the table (hover, Ports view, CLI, completion) labels it as common practice, not IANA.
 */

/** What a software's port is for; every port in the table is one the software listens on. */
export type SoftwarePortRole =
  /** A development HTTP server opened in a browser (Vite, Next.js, Django runserver). */
  | 'dev-server'
  /** An HTTP web UI or HTTP API served to browsers and clients (Grafana, Kibana, Elasticsearch). */
  | 'web'
  /** The software's own protocol (PostgreSQL wire protocol, Kafka, AMQP, SMTP). */
  | 'service'
  /** An administration or management API (Caddy admin, Envoy admin). */
  | 'admin'
  /** A metrics or health endpoint scraped by monitoring. */
  | 'metrics'
  /** Traffic between members of one cluster (gossip, replication, inter-node). */
  | 'cluster'
  /** A debugger attaches here. */
  | 'debug';

export interface SoftwarePort {
  port: number;
  /** Last port of a range such as 5900-5901; absent for a single port. */
  portHi?: number;
  protocol: 'tcp' | 'udp';
  role: SoftwarePortRole;
  /** What runs there, short, as shown beside the number: "Apache Kafka broker". */
  label: string;
  /**
   * False where the port is this software's default but says nothing about the port in general
   * (nginx on 80): completion and image-aware proposals use it, hover and the Ports view do not.
   */
  lookup?: false;
  /** Where programs share a port, higher ranks are named first (default 0; then table order). */
  rank?: number;
}

export interface Software {
  /** Stable lower-case id: "kafka". */
  id: string;
  /** Display name: "Apache Kafka". */
  name: string;
  /** Lower-case words people type for it, including the id's variants ("elastic", "opensearch"). */
  aliases: readonly string[];
  /** Default ports, the main one first. */
  ports: readonly SoftwarePort[];
  /**
   * Docker image repositories that run it with these ports, normalised as `normaliseImage` does
   * (no tag, no digest, no `docker.io/` or `library/`): "postgres", "bitnami/postgresql".
   */
  images: readonly string[];
  /** The software's own documentation of its default ports. */
  source: string;
  /**
   * A service people name by its protocol (SMTP, IMAP, SSH), whose ports IANA's registry names on every
   * card: only prose reads it, to tie "SMTP on 25" to a port. Completion and look-ups by name skip it.
   */
  protocol?: true;
}

type P = SoftwarePort;
const tcp = (port: number, role: SoftwarePortRole, label: string, extra: Partial<P> = {}): P => ({ port, protocol: 'tcp', role, label, ...extra });
const udp = (port: number, role: SoftwarePortRole, label: string, extra: Partial<P> = {}): P => ({ port, protocol: 'udp', role, label, ...extra });
const NO_LOOKUP = { lookup: false } as const;

/**
 * The table. Order matters: where several programs share a port, the one listed first is named first
 * on the card, so the most common software comes first.
 */
export const SOFTWARE: readonly Software[] = [
  // Development servers and runtimes.
  { id: 'express', name: 'Express', aliases: ['express', 'expressjs', 'node', 'nodejs'], ports: [tcp(3000, 'dev-server', 'Node.js/React dev servers')], images: [], source: 'https://expressjs.com/en/starter/hello-world.html' },
  { id: 'nextjs', name: 'Next.js', aliases: ['next', 'nextjs', 'next.js', 'react'], ports: [tcp(3000, 'dev-server', 'Node.js/React dev servers')], images: [], source: 'https://nextjs.org/docs/app/api-reference/cli/next' },
  { id: 'create-react-app', name: 'Create React App', aliases: ['create-react-app', 'cra', 'react-scripts'], ports: [tcp(3000, 'dev-server', 'Node.js/React dev servers')], images: [], source: 'https://create-react-app.dev/docs/advanced-configuration/' },
  { id: 'grafana', name: 'Grafana', aliases: ['grafana'], ports: [tcp(3000, 'web', 'Grafana')], images: ['grafana/grafana', 'grafana/grafana-oss', 'grafana/grafana-enterprise', 'bitnami/grafana'], source: 'https://grafana.com/docs/grafana/latest/setup-grafana/configure-grafana/' },
  { id: 'rails', name: 'Ruby on Rails', aliases: ['rails', 'ruby on rails'], ports: [tcp(3000, 'dev-server', 'Rails dev server')], images: [], source: 'https://guides.rubyonrails.org/command_line.html' },
  { id: 'bun', name: 'Bun', aliases: ['bun'], ports: [tcp(3000, 'dev-server', 'Node.js/React dev servers')], images: ['oven/bun'], source: 'https://bun.sh/docs/api/http' },
  { id: 'gitea', name: 'Gitea', aliases: ['gitea', 'forgejo'], ports: [tcp(3000, 'web', 'Gitea'), tcp(2222, 'service', 'Gitea SSH (rootless image)')], images: ['gitea/gitea', 'codeberg.org/forgejo/forgejo'], source: 'https://docs.gitea.com/installation/install-with-docker' },
  { id: 'metabase', name: 'Metabase', aliases: ['metabase'], ports: [tcp(3000, 'web', 'Metabase')], images: ['metabase/metabase'], source: 'https://www.metabase.com/docs/latest/installation-and-operation/running-metabase-on-docker' },
  { id: 'vite', name: 'Vite', aliases: ['vite', 'sveltekit', 'vitejs'], ports: [tcp(5173, 'dev-server', 'Vite dev server'), tcp(4173, 'dev-server', 'Vite preview server'), tcp(24678, 'dev-server', 'Vite HMR WebSocket (middleware mode)')], images: [], source: 'https://vite.dev/config/server-options' },
  { id: 'angular', name: 'Angular CLI', aliases: ['angular', 'ng serve', 'ng'], ports: [tcp(4200, 'dev-server', 'Angular CLI dev server')], images: [], source: 'https://angular.dev/cli/serve' },
  { id: 'ember', name: 'Ember CLI', aliases: ['ember', 'ember-cli'], ports: [tcp(4200, 'dev-server', 'Ember CLI dev server')], images: [], source: 'https://cli.emberjs.com/release/basic-use/cli-commands/' },
  { id: 'astro', name: 'Astro', aliases: ['astro'], ports: [tcp(4321, 'dev-server', 'Astro dev server')], images: [], source: 'https://docs.astro.build/en/reference/cli-reference/' },
  { id: 'parcel', name: 'Parcel', aliases: ['parcel'], ports: [tcp(1234, 'dev-server', 'Parcel dev server')], images: [], source: 'https://parceljs.org/features/cli/' },
  { id: 'webpack-dev-server', name: 'webpack-dev-server', aliases: ['webpack', 'webpack-dev-server'], ports: [tcp(8080, 'dev-server', 'webpack-dev-server')], images: [], source: 'https://webpack.js.org/configuration/dev-server/' },
  { id: 'metro', name: 'Metro (React Native)', aliases: ['metro', 'react native', 'react-native', 'expo'], ports: [tcp(8081, 'dev-server', 'React Native Metro bundler')], images: [], source: 'https://metrobundler.dev/docs/configuration/' },
  { id: 'storybook', name: 'Storybook', aliases: ['storybook'], ports: [tcp(6006, 'dev-server', 'Storybook')], images: [], source: 'https://storybook.js.org/docs/api/cli-options' },
  { id: 'livereload', name: 'LiveReload', aliases: ['livereload', 'live reload'], ports: [tcp(35729, 'dev-server', 'LiveReload')], images: [], source: 'https://livereload.com/api/protocol/' },
  { id: 'hugo', name: 'Hugo', aliases: ['hugo'], ports: [tcp(1313, 'dev-server', 'Hugo dev server')], images: ['klakegg/hugo', 'hugomods/hugo'], source: 'https://gohugo.io/commands/hugo_server/' },
  { id: 'jekyll', name: 'Jekyll', aliases: ['jekyll'], ports: [tcp(4000, 'dev-server', 'Jekyll dev server'), tcp(35729, 'dev-server', 'LiveReload')], images: ['jekyll/jekyll'], source: 'https://jekyllrb.com/docs/configuration/options/' },
  { id: 'phoenix', name: 'Phoenix', aliases: ['phoenix', 'elixir'], ports: [tcp(4000, 'dev-server', 'Phoenix dev server')], images: [], source: 'https://hexdocs.pm/phoenix/up_and_running.html' },
  { id: 'flask', name: 'Flask', aliases: ['flask'], ports: [tcp(5000, 'dev-server', 'Flask dev server')], images: [], source: 'https://flask.palletsprojects.com/en/stable/quickstart/' },
  { id: 'airplay', name: 'macOS AirPlay Receiver', aliases: ['airplay', 'airplay receiver', 'macos'], ports: [tcp(5000, 'service', 'macOS AirPlay Receiver'), tcp(7000, 'service', 'macOS AirPlay Receiver')], images: [], source: 'https://support.apple.com/en-us/103229' },
  { id: 'docker-registry', name: 'Docker Registry', aliases: ['registry', 'docker registry', 'distribution'], ports: [tcp(5000, 'web', 'Docker Registry')], images: ['registry', 'distribution/distribution'], source: 'https://distribution.github.io/distribution/about/deploying/' },
  { id: 'aspnetcore', name: 'ASP.NET Core (Kestrel)', aliases: ['aspnet', 'asp.net', 'aspnetcore', 'kestrel', 'dotnet'], ports: [tcp(5000, 'dev-server', 'ASP.NET Core (HTTP)'), tcp(5001, 'dev-server', 'ASP.NET Core (HTTPS)')], images: [], source: 'https://learn.microsoft.com/en-us/aspnet/core/fundamentals/servers/kestrel/endpoints' },
  { id: 'aspnetcore-container', name: 'ASP.NET Core container images', aliases: ['aspnet', 'dotnet'], ports: [tcp(8080, 'web', 'ASP.NET Core container (.NET 8 and later)')], images: ['mcr.microsoft.com/dotnet/aspnet', 'mcr.microsoft.com/dotnet/samples'], source: 'https://learn.microsoft.com/en-us/dotnet/core/compatibility/containers/8.0/aspnet-port' },
  { id: 'django', name: 'Django', aliases: ['django', 'runserver'], ports: [tcp(8000, 'dev-server', 'Django dev server')], images: [], source: 'https://docs.djangoproject.com/en/stable/ref/django-admin/' },
  { id: 'python-http-server', name: 'python -m http.server', aliases: ['http.server', 'python'], ports: [tcp(8000, 'dev-server', 'python -m http.server')], images: [], source: 'https://docs.python.org/3/library/http.server.html' },
  { id: 'uvicorn', name: 'Uvicorn', aliases: ['uvicorn', 'fastapi'], ports: [tcp(8000, 'dev-server', 'Uvicorn/FastAPI')], images: [], source: 'https://www.uvicorn.org/settings/' },
  { id: 'mkdocs', name: 'MkDocs', aliases: ['mkdocs'], ports: [tcp(8000, 'dev-server', 'MkDocs dev server')], images: ['squidfunk/mkdocs-material'], source: 'https://www.mkdocs.org/user-guide/configuration/' },
  { id: 'laravel', name: 'Laravel (artisan serve)', aliases: ['laravel', 'artisan'], ports: [tcp(8000, 'dev-server', 'Laravel artisan serve')], images: [], source: 'https://laravel.com/docs/installation' },
  { id: 'deno', name: 'Deno', aliases: ['deno'], ports: [tcp(8000, 'dev-server', 'Deno.serve')], images: ['denoland/deno'], source: 'https://docs.deno.com/runtime/fundamentals/http_server/' },
  { id: 'gatsby', name: 'Gatsby', aliases: ['gatsby'], ports: [tcp(8000, 'dev-server', 'Gatsby dev server')], images: [], source: 'https://www.gatsbyjs.com/docs/reference/gatsby-cli/' },
  { id: 'streamlit', name: 'Streamlit', aliases: ['streamlit'], ports: [tcp(8501, 'dev-server', 'Streamlit')], images: [], source: 'https://docs.streamlit.io/develop/api-reference/configuration/config.toml' },
  { id: 'gradio', name: 'Gradio', aliases: ['gradio'], ports: [tcp(7860, 'dev-server', 'Gradio')], images: [], source: 'https://www.gradio.app/guides/environment-variables' },
  { id: 'wrangler', name: 'Cloudflare Wrangler', aliases: ['wrangler', 'cloudflare workers'], ports: [tcp(8787, 'dev-server', 'Cloudflare Wrangler dev server')], images: [], source: 'https://developers.cloudflare.com/workers/wrangler/commands/' },
  { id: 'rstudio', name: 'RStudio Server', aliases: ['rstudio', 'posit'], ports: [tcp(8787, 'web', 'RStudio Server')], images: ['rocker/rstudio', 'rocker/tidyverse'], source: 'https://docs.posit.co/ide/server-pro/access_and_security/network_port_and_address.html' },
  { id: 'jupyter', name: 'Jupyter', aliases: ['jupyter', 'jupyterlab', 'notebook'], ports: [tcp(8888, 'web', 'Jupyter Notebook/Lab')], images: ['jupyter/base-notebook', 'jupyter/scipy-notebook', 'jupyter/datascience-notebook', 'quay.io/jupyter/base-notebook', 'quay.io/jupyter/scipy-notebook'], source: 'https://jupyter-server.readthedocs.io/en/latest/other/full-config.html' },
  { id: 'tensorboard', name: 'TensorBoard', aliases: ['tensorboard'], ports: [tcp(6006, 'web', 'TensorBoard')], images: [], source: 'https://www.tensorflow.org/tensorboard/get_started' },
  { id: 'firebase-emulators', name: 'Firebase Local Emulator Suite', aliases: ['firebase', 'firebase emulators'], ports: [tcp(4000, 'web', 'Firebase Emulator UI'), tcp(8080, 'service', 'Firestore emulator', NO_LOOKUP), tcp(9099, 'service', 'Firebase Auth emulator'), tcp(5001, 'service', 'Cloud Functions emulator', NO_LOOKUP)], images: [], source: 'https://firebase.google.com/docs/emulator-suite/install_and_configure' },
  { id: 'prisma-studio', name: 'Prisma Studio', aliases: ['prisma', 'prisma studio'], ports: [tcp(5555, 'web', 'Prisma Studio')], images: [], source: 'https://www.prisma.io/docs/orm/tools/prisma-studio' },
  { id: 'pocketbase', name: 'PocketBase', aliases: ['pocketbase'], ports: [tcp(8090, 'web', 'PocketBase')], images: [], source: 'https://pocketbase.io/docs/' },
  { id: 'supabase', name: 'Supabase CLI (local stack)', aliases: ['supabase'], ports: [tcp(54321, 'web', 'Supabase local API'), tcp(54322, 'service', 'Supabase local Postgres'), tcp(54323, 'web', 'Supabase Studio (local)')], images: [], source: 'https://supabase.com/docs/guides/local-development/cli/config' },

  // Debuggers.
  { id: 'node-inspector', name: 'Node.js inspector', aliases: ['node inspector', 'inspect', 'node debug'], ports: [tcp(9229, 'debug', 'Node.js inspector (debugger)')], images: [], source: 'https://nodejs.org/en/learn/getting-started/debugging' },
  { id: 'debugpy', name: 'debugpy', aliases: ['debugpy', 'python debugger'], ports: [tcp(5678, 'debug', 'debugpy (Python debugger)')], images: [], source: 'https://code.visualstudio.com/docs/python/debugging' },
  { id: 'xdebug', name: 'Xdebug', aliases: ['xdebug'], ports: [tcp(9003, 'debug', 'Xdebug 3 (PHP debugger)')], images: [], source: 'https://xdebug.org/docs/step_debug' },
  { id: 'jdwp', name: 'Java debugger (JDWP)', aliases: ['jdwp', 'java debug'], ports: [tcp(5005, 'debug', 'Java remote debugging (JDWP), IDE default')], images: [], source: 'https://www.jetbrains.com/help/idea/tutorial-remote-debug.html' },
  { id: 'delve', name: 'Delve', aliases: ['delve', 'dlv'], ports: [tcp(2345, 'debug', 'Delve (Go debugger)')], images: [], source: 'https://github.com/go-delve/delve/blob/master/Documentation/api/ClientHowto.md' },

  // Databases.
  { id: 'postgresql', name: 'PostgreSQL', aliases: ['postgres', 'postgresql', 'pg', 'psql', 'postgis', 'timescaledb'], ports: [tcp(5432, 'service', 'PostgreSQL')], images: ['postgres', 'bitnami/postgresql', 'postgis/postgis', 'timescale/timescaledb', 'timescale/timescaledb-ha', 'supabase/postgres', 'pgvector/pgvector'], source: 'https://www.postgresql.org/docs/current/runtime-config-connection.html' },
  { id: 'pgbouncer', name: 'PgBouncer', aliases: ['pgbouncer'], ports: [tcp(6432, 'service', 'PgBouncer')], images: ['bitnami/pgbouncer', 'edoburu/pgbouncer'], source: 'https://www.pgbouncer.org/config.html' },
  { id: 'mysql', name: 'MySQL', aliases: ['mysql'], ports: [tcp(3306, 'service', 'MySQL'), tcp(33060, 'service', 'MySQL X Protocol')], images: ['mysql', 'bitnami/mysql', 'mysql/mysql-server', 'percona', 'percona/percona-server'], source: 'https://dev.mysql.com/doc/mysql-port-reference/en/mysql-port-reference-tables.html' },
  { id: 'mariadb', name: 'MariaDB', aliases: ['mariadb'], ports: [tcp(3306, 'service', 'MariaDB')], images: ['mariadb', 'bitnami/mariadb'], source: 'https://mariadb.com/kb/en/configuring-mariadb-for-remote-client-access/' },
  { id: 'mssql', name: 'Microsoft SQL Server', aliases: ['mssql', 'sql server', 'sqlserver', 'azure sql edge'], ports: [tcp(1433, 'service', 'Microsoft SQL Server')], images: ['mcr.microsoft.com/mssql/server', 'mcr.microsoft.com/azure-sql-edge'], source: 'https://learn.microsoft.com/en-us/sql/sql-server/install/configure-the-windows-firewall-to-allow-sql-server-access' },
  { id: 'oracle', name: 'Oracle Database', aliases: ['oracle', 'oracle db', 'oracle-xe'], ports: [tcp(1521, 'service', 'Oracle Database listener')], images: ['gvenzl/oracle-xe', 'gvenzl/oracle-free', 'container-registry.oracle.com/database/free'], source: 'https://docs.oracle.com/en/database/oracle/oracle-database/19/ladbi/oracle-database-component-port-numbers-and-protocols.html' },
  { id: 'mongodb', name: 'MongoDB', aliases: ['mongo', 'mongodb', 'mongod'], ports: [tcp(27017, 'service', 'MongoDB'), tcp(27018, 'service', 'MongoDB shard server'), tcp(27019, 'service', 'MongoDB config server')], images: ['mongo', 'bitnami/mongodb', 'mongodb/mongodb-community-server', 'mongodb/mongodb-atlas-local'], source: 'https://www.mongodb.com/docs/manual/reference/default-mongodb-port/' },
  { id: 'mongo-express', name: 'mongo-express', aliases: ['mongo-express'], ports: [tcp(8081, 'web', 'mongo-express')], images: ['mongo-express'], source: 'https://github.com/mongo-express/mongo-express#usage-docker' },
  { id: 'redis', name: 'Redis', aliases: ['redis', 'valkey', 'keydb', 'sentinel'], ports: [tcp(6379, 'service', 'Redis'), tcp(26379, 'service', 'Redis Sentinel')], images: ['redis', 'bitnami/redis', 'redis/redis-stack-server', 'valkey/valkey', 'bitnami/valkey', 'eqalpha/keydb'], source: 'https://redis.io/docs/latest/operate/oss_and_stack/management/config/' },
  { id: 'redis-stack', name: 'Redis Stack (RedisInsight)', aliases: ['redis-stack', 'redisinsight', 'redis insight'], ports: [tcp(6379, 'service', 'Redis', NO_LOOKUP), tcp(8001, 'web', 'RedisInsight (Redis Stack)')], images: ['redis/redis-stack'], source: 'https://redis.io/docs/latest/operate/oss_and_stack/install/install-stack/docker/' },
  { id: 'memcached', name: 'Memcached', aliases: ['memcached', 'memcache'], ports: [tcp(11211, 'service', 'Memcached')], images: ['memcached', 'bitnami/memcached'], source: 'https://github.com/memcached/memcached/wiki/ConfiguringServer' },
  { id: 'cassandra', name: 'Apache Cassandra', aliases: ['cassandra', 'scylla', 'scylladb', 'cql'], ports: [tcp(9042, 'service', 'Cassandra CQL'), tcp(7000, 'cluster', 'Cassandra inter-node'), tcp(7001, 'cluster', 'Cassandra inter-node (TLS)'), tcp(7199, 'admin', 'Cassandra JMX')], images: ['cassandra', 'bitnami/cassandra', 'scylladb/scylla'], source: 'https://cassandra.apache.org/doc/latest/cassandra/managing/configuration/cass_yaml_file.html' },
  { id: 'neo4j', name: 'Neo4j', aliases: ['neo4j'], ports: [tcp(7474, 'web', 'Neo4j HTTP'), tcp(7687, 'service', 'Neo4j Bolt'), tcp(7473, 'web', 'Neo4j HTTPS')], images: ['neo4j', 'bitnami/neo4j'], source: 'https://neo4j.com/docs/operations-manual/current/configuration/ports/' },
  { id: 'couchdb', name: 'Apache CouchDB', aliases: ['couchdb', 'couch'], ports: [tcp(5984, 'web', 'CouchDB')], images: ['couchdb', 'bitnami/couchdb'], source: 'https://docs.couchdb.org/en/stable/setup/cluster.html' },
  { id: 'couchbase', name: 'Couchbase Server', aliases: ['couchbase'], ports: [tcp(8091, 'web', 'Couchbase Web Console')], images: ['couchbase', 'couchbase/server'], source: 'https://docs.couchbase.com/server/current/install/install-ports.html' },
  { id: 'influxdb', name: 'InfluxDB', aliases: ['influx', 'influxdb'], ports: [tcp(8086, 'web', 'InfluxDB HTTP API')], images: ['influxdb', 'bitnami/influxdb'], source: 'https://docs.influxdata.com/influxdb/v2/reference/config-options/' },
  { id: 'clickhouse', name: 'ClickHouse', aliases: ['clickhouse'], ports: [tcp(8123, 'web', 'ClickHouse HTTP'), tcp(9000, 'service', 'ClickHouse native protocol')], images: ['clickhouse/clickhouse-server', 'clickhouse', 'yandex/clickhouse-server', 'bitnami/clickhouse'], source: 'https://clickhouse.com/docs/en/guides/sre/network-ports' },
  { id: 'cockroachdb', name: 'CockroachDB', aliases: ['cockroach', 'cockroachdb', 'crdb'], ports: [tcp(26257, 'service', 'CockroachDB SQL'), tcp(8080, 'web', 'CockroachDB DB Console', NO_LOOKUP)], images: ['cockroachdb/cockroach'], source: 'https://www.cockroachlabs.com/docs/stable/cockroach-start' },
  { id: 'dynamodb-local', name: 'DynamoDB Local', aliases: ['dynamodb', 'dynamodb-local'], ports: [tcp(8000, 'service', 'DynamoDB Local')], images: ['amazon/dynamodb-local'], source: 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/DynamoDBLocal.DownloadingAndRunning.html' },
  { id: 'etcd', name: 'etcd', aliases: ['etcd'], ports: [tcp(2379, 'service', 'etcd client API'), tcp(2380, 'cluster', 'etcd peer')], images: ['quay.io/coreos/etcd', 'bitnami/etcd', 'gcr.io/etcd-development/etcd'], source: 'https://etcd.io/docs/v3.5/op-guide/configuration/' },
  { id: 'qdrant', name: 'Qdrant', aliases: ['qdrant'], ports: [tcp(6333, 'web', 'Qdrant HTTP API'), tcp(6334, 'service', 'Qdrant gRPC')], images: ['qdrant/qdrant'], source: 'https://qdrant.tech/documentation/guides/configuration/' },
  { id: 'meilisearch', name: 'Meilisearch', aliases: ['meilisearch', 'meili'], ports: [tcp(7700, 'web', 'Meilisearch')], images: ['getmeili/meilisearch'], source: 'https://www.meilisearch.com/docs/learn/self_hosted/configure_meilisearch_at_launch' },
  { id: 'solr', name: 'Apache Solr', aliases: ['solr'], ports: [tcp(8983, 'web', 'Apache Solr')], images: ['solr', 'bitnami/solr'], source: 'https://solr.apache.org/guide/solr/latest/deployment-guide/taking-solr-to-production.html' },
  { id: 'elasticsearch', name: 'Elasticsearch / OpenSearch', aliases: ['elastic', 'elasticsearch', 'opensearch', 'es'], ports: [tcp(9200, 'web', 'Elasticsearch/OpenSearch HTTP API'), tcp(9300, 'cluster', 'Elasticsearch/OpenSearch transport')], images: ['elasticsearch', 'docker.elastic.co/elasticsearch/elasticsearch', 'bitnami/elasticsearch', 'opensearchproject/opensearch', 'bitnami/opensearch'], source: 'https://www.elastic.co/guide/en/elasticsearch/reference/current/modules-network.html' },
  { id: 'kibana', name: 'Kibana / OpenSearch Dashboards', aliases: ['kibana', 'opensearch dashboards', 'opensearch-dashboards'], ports: [tcp(5601, 'web', 'Kibana/OpenSearch Dashboards')], images: ['kibana', 'docker.elastic.co/kibana/kibana', 'bitnami/kibana', 'opensearchproject/opensearch-dashboards'], source: 'https://www.elastic.co/guide/en/kibana/current/settings.html' },
  { id: 'logstash', name: 'Logstash', aliases: ['logstash', 'beats'], ports: [tcp(5044, 'service', 'Logstash Beats input'), tcp(9600, 'metrics', 'Logstash monitoring API')], images: ['logstash', 'docker.elastic.co/logstash/logstash', 'bitnami/logstash'], source: 'https://www.elastic.co/guide/en/logstash/current/plugins-inputs-beats.html' },

  // Messaging and streaming.
  { id: 'kafka', name: 'Apache Kafka', aliases: ['kafka', 'apache kafka', 'redpanda'], ports: [tcp(9092, 'service', 'Apache Kafka broker'), tcp(29092, 'service', 'Kafka broker, second listener in Docker setups'), tcp(9093, 'service', 'Kafka controller or TLS listener')], images: ['apache/kafka', 'apache/kafka-native', 'bitnami/kafka', 'confluentinc/cp-kafka', 'confluentinc/cp-server', 'wurstmeister/kafka', 'redpandadata/redpanda', 'docker.redpanda.com/redpandadata/redpanda'], source: 'https://kafka.apache.org/documentation/#brokerconfigs_listeners' },
  { id: 'zookeeper', name: 'Apache ZooKeeper', aliases: ['zookeeper', 'zk'], ports: [tcp(2181, 'service', 'ZooKeeper client'), tcp(2888, 'cluster', 'ZooKeeper follower'), tcp(3888, 'cluster', 'ZooKeeper leader election')], images: ['zookeeper', 'bitnami/zookeeper', 'confluentinc/cp-zookeeper'], source: 'https://zookeeper.apache.org/doc/current/zookeeperStarted.html' },
  { id: 'schema-registry', name: 'Confluent Schema Registry', aliases: ['schema registry', 'schema-registry'], ports: [tcp(8081, 'web', 'Confluent Schema Registry')], images: ['confluentinc/cp-schema-registry', 'bitnami/schema-registry'], source: 'https://docs.confluent.io/platform/current/schema-registry/installation/config.html' },
  { id: 'kafka-connect', name: 'Kafka Connect', aliases: ['kafka connect', 'kafka-connect', 'debezium'], ports: [tcp(8083, 'web', 'Kafka Connect REST API')], images: ['confluentinc/cp-kafka-connect', 'debezium/connect', 'quay.io/debezium/connect'], source: 'https://docs.confluent.io/platform/current/connect/references/restapi.html' },
  { id: 'rabbitmq', name: 'RabbitMQ', aliases: ['rabbit', 'rabbitmq', 'amqp'], ports: [tcp(5672, 'service', 'RabbitMQ AMQP'), tcp(15672, 'web', 'RabbitMQ management UI'), tcp(25672, 'cluster', 'RabbitMQ inter-node'), tcp(15692, 'metrics', 'RabbitMQ Prometheus metrics'), tcp(4369, 'cluster', 'Erlang epmd (RabbitMQ peer discovery)')], images: ['rabbitmq', 'bitnami/rabbitmq'], source: 'https://www.rabbitmq.com/docs/networking' },
  { id: 'nats', name: 'NATS', aliases: ['nats'], ports: [tcp(4222, 'service', 'NATS client'), tcp(8222, 'metrics', 'NATS monitoring'), tcp(6222, 'cluster', 'NATS cluster routes')], images: ['nats', 'bitnami/nats'], source: 'https://docs.nats.io/running-a-nats-service/configuration' },
  { id: 'mosquitto', name: 'Eclipse Mosquitto (MQTT)', aliases: ['mosquitto', 'mqtt', 'emqx'], ports: [tcp(1883, 'service', 'MQTT'), tcp(8883, 'service', 'MQTT over TLS')], images: ['eclipse-mosquitto', 'emqx/emqx', 'emqx'], source: 'https://mosquitto.org/man/mosquitto-conf-5.html' },
  { id: 'activemq', name: 'Apache ActiveMQ', aliases: ['activemq', 'artemis'], ports: [tcp(61616, 'service', 'ActiveMQ OpenWire'), tcp(8161, 'web', 'ActiveMQ web console')], images: ['apache/activemq-classic', 'apache/activemq-artemis', 'rmohr/activemq'], source: 'https://activemq.apache.org/components/classic/documentation/configuring-transports' },
  { id: 'pulsar', name: 'Apache Pulsar', aliases: ['pulsar'], ports: [tcp(6650, 'service', 'Apache Pulsar binary protocol'), tcp(8080, 'web', 'Pulsar admin HTTP', NO_LOOKUP)], images: ['apachepulsar/pulsar'], source: 'https://pulsar.apache.org/docs/next/getting-started-docker/' },
  { id: 'grpc', name: 'gRPC', aliases: ['grpc'], ports: [tcp(50051, 'service', 'gRPC examples and many gRPC services')], images: [], source: 'https://grpc.io/docs/languages/go/quickstart/' },

  // Mail.
  { id: 'smtp-2525', name: 'SMTP alternative submission port', aliases: ['smtp', 'sendgrid', 'mailgun', 'mailtrap'], ports: [tcp(2525, 'service', 'SMTP (alternative port of mail providers and test servers)')], images: [], source: 'https://www.twilio.com/docs/sendgrid/for-developers/sending-email/integrating-with-the-smtp-api' },
  { id: 'mailpit', name: 'Mailpit / MailHog', aliases: ['mailpit', 'mailhog'], ports: [tcp(1025, 'service', 'Mailpit/MailHog SMTP'), tcp(8025, 'web', 'Mailpit/MailHog web UI')], images: ['axllent/mailpit', 'mailhog/mailhog'], source: 'https://mailpit.axllent.org/docs/configuration/runtime-options/' },

  // Observability.
  { id: 'prometheus', name: 'Prometheus', aliases: ['prometheus', 'prom'], ports: [tcp(9090, 'web', 'Prometheus')], images: ['prom/prometheus', 'bitnami/prometheus', 'quay.io/prometheus/prometheus'], source: 'https://prometheus.io/docs/prometheus/latest/getting_started/' },
  { id: 'alertmanager', name: 'Prometheus Alertmanager', aliases: ['alertmanager'], ports: [tcp(9093, 'web', 'Prometheus Alertmanager')], images: ['prom/alertmanager', 'bitnami/alertmanager'], source: 'https://prometheus.io/docs/alerting/latest/alertmanager/' },
  { id: 'node-exporter', name: 'Prometheus node_exporter', aliases: ['node_exporter', 'node-exporter'], ports: [tcp(9100, 'metrics', 'Prometheus node_exporter')], images: ['prom/node-exporter', 'quay.io/prometheus/node-exporter', 'bitnami/node-exporter'], source: 'https://prometheus.io/docs/guides/node-exporter/' },
  { id: 'pushgateway', name: 'Prometheus Pushgateway', aliases: ['pushgateway'], ports: [tcp(9091, 'metrics', 'Prometheus Pushgateway')], images: ['prom/pushgateway'], source: 'https://github.com/prometheus/pushgateway#run-it' },
  { id: 'loki', name: 'Grafana Loki', aliases: ['loki'], ports: [tcp(3100, 'web', 'Grafana Loki')], images: ['grafana/loki'], source: 'https://grafana.com/docs/loki/latest/configure/' },
  { id: 'jaeger', name: 'Jaeger', aliases: ['jaeger'], ports: [tcp(16686, 'web', 'Jaeger UI'), tcp(14268, 'service', 'Jaeger collector HTTP'), udp(6831, 'service', 'Jaeger agent (Thrift compact)')], images: ['jaegertracing/all-in-one', 'jaegertracing/jaeger'], source: 'https://www.jaegertracing.io/docs/latest/deployment/' },
  { id: 'zipkin', name: 'Zipkin', aliases: ['zipkin'], ports: [tcp(9411, 'web', 'Zipkin')], images: ['openzipkin/zipkin'], source: 'https://zipkin.io/pages/quickstart' },
  { id: 'otel-collector', name: 'OpenTelemetry Collector (OTLP)', aliases: ['otel', 'otlp', 'opentelemetry', 'otel collector'], ports: [tcp(4317, 'service', 'OpenTelemetry OTLP/gRPC'), tcp(4318, 'service', 'OpenTelemetry OTLP/HTTP'), tcp(55679, 'admin', 'OpenTelemetry Collector zPages'), tcp(13133, 'metrics', 'OpenTelemetry Collector health check'), tcp(8888, 'metrics', 'OpenTelemetry Collector metrics')], images: ['otel/opentelemetry-collector', 'otel/opentelemetry-collector-contrib'], source: 'https://opentelemetry.io/docs/specs/otlp/' },
  { id: 'netdata', name: 'Netdata', aliases: ['netdata'], ports: [tcp(19999, 'web', 'Netdata dashboard')], images: ['netdata/netdata'], source: 'https://learn.netdata.cloud/docs/netdata-agent/installation/docker' },
  { id: 'fluentd', name: 'Fluentd / Fluent Bit', aliases: ['fluentd', 'fluent-bit', 'fluentbit'], ports: [tcp(24224, 'service', 'Fluentd forward input')], images: ['fluent/fluentd', 'fluent/fluent-bit', 'bitnami/fluentd'], source: 'https://docs.fluentd.org/input/forward' },

  // Infrastructure, proxies, identity.
  { id: 'kube-apiserver', name: 'Kubernetes API server', aliases: ['k8s api', 'kubernetes api', 'kube-apiserver', 'apiserver', 'k8s', 'kubernetes'], ports: [tcp(6443, 'web', 'Kubernetes API server')], images: ['registry.k8s.io/kube-apiserver'], source: 'https://kubernetes.io/docs/reference/networking/ports-and-protocols/' },
  { id: 'kubelet', name: 'Kubernetes kubelet', aliases: ['kubelet'], ports: [tcp(10250, 'admin', 'Kubernetes kubelet API')], images: [], source: 'https://kubernetes.io/docs/reference/networking/ports-and-protocols/' },
  { id: 'kube-scheduler', name: 'Kubernetes control plane', aliases: ['kube-scheduler', 'kube-controller-manager'], ports: [tcp(10259, 'metrics', 'kube-scheduler'), tcp(10257, 'metrics', 'kube-controller-manager')], images: ['registry.k8s.io/kube-scheduler', 'registry.k8s.io/kube-controller-manager'], source: 'https://kubernetes.io/docs/reference/networking/ports-and-protocols/' },
  { id: 'docker-swarm', name: 'Docker Swarm', aliases: ['swarm', 'docker swarm'], ports: [tcp(2377, 'cluster', 'Docker Swarm cluster management'), tcp(7946, 'cluster', 'Docker Swarm node gossip'), udp(4789, 'cluster', 'Docker overlay network (VXLAN)')], images: [], source: 'https://docs.docker.com/engine/swarm/swarm-tutorial/' },
  { id: 'docker-daemon', name: 'Docker daemon', aliases: ['docker', 'dockerd', 'docker api', 'dind'], ports: [tcp(2375, 'admin', 'Docker daemon API (plain)'), tcp(2376, 'admin', 'Docker daemon API (TLS)')], images: ['docker'], source: 'https://docs.docker.com/engine/daemon/remote-access/' },
  { id: 'portainer', name: 'Portainer', aliases: ['portainer'], ports: [tcp(9443, 'web', 'Portainer'), tcp(9000, 'web', 'Portainer (HTTP)')], images: ['portainer/portainer-ce', 'portainer/portainer-ee', 'portainer/portainer'], source: 'https://docs.portainer.io/start/requirements-and-prerequisites' },
  { id: 'minio', name: 'MinIO', aliases: ['minio', 's3'], ports: [tcp(9000, 'web', 'MinIO S3 API', { rank: 2 }), tcp(9001, 'web', 'MinIO console')], images: ['minio/minio', 'quay.io/minio/minio', 'bitnami/minio'], source: 'https://min.io/docs/minio/linux/reference/minio-server/minio-server.html' },
  { id: 'localstack', name: 'LocalStack', aliases: ['localstack', 'aws local'], ports: [tcp(4566, 'web', 'LocalStack edge port')], images: ['localstack/localstack'], source: 'https://docs.localstack.cloud/references/configuration/' },
  { id: 'azurite', name: 'Azurite', aliases: ['azurite', 'azure storage emulator'], ports: [tcp(10000, 'web', 'Azurite Blob'), tcp(10001, 'web', 'Azurite Queue'), tcp(10002, 'web', 'Azurite Table')], images: ['mcr.microsoft.com/azure-storage/azurite'], source: 'https://learn.microsoft.com/en-us/azure/storage/common/storage-use-azurite' },
  { id: 'consul', name: 'HashiCorp Consul', aliases: ['consul'], ports: [tcp(8500, 'web', 'HashiCorp Consul HTTP API'), tcp(8600, 'service', 'Consul DNS'), tcp(8300, 'cluster', 'Consul server RPC'), tcp(8301, 'cluster', 'Consul LAN gossip'), tcp(8302, 'cluster', 'Consul WAN gossip')], images: ['hashicorp/consul', 'consul', 'bitnami/consul'], source: 'https://developer.hashicorp.com/consul/docs/install/ports' },
  { id: 'vault', name: 'HashiCorp Vault', aliases: ['vault', 'openbao'], ports: [tcp(8200, 'web', 'HashiCorp Vault API'), tcp(8201, 'cluster', 'Vault cluster')], images: ['hashicorp/vault', 'vault', 'bitnami/vault', 'openbao/openbao'], source: 'https://developer.hashicorp.com/vault/docs/configuration/listener/tcp' },
  { id: 'nomad', name: 'HashiCorp Nomad', aliases: ['nomad'], ports: [tcp(4646, 'web', 'HashiCorp Nomad HTTP API'), tcp(4647, 'cluster', 'Nomad RPC'), tcp(4648, 'cluster', 'Nomad Serf gossip')], images: ['hashicorp/nomad'], source: 'https://developer.hashicorp.com/nomad/docs/install/production/requirements' },
  { id: 'traefik', name: 'Traefik', aliases: ['traefik'], ports: [tcp(80, 'web', 'Traefik web entrypoint', NO_LOOKUP), tcp(443, 'web', 'Traefik websecure entrypoint', NO_LOOKUP), tcp(8080, 'admin', 'Traefik dashboard/API')], images: ['traefik'], source: 'https://doc.traefik.io/traefik/operations/api/' },
  { id: 'caddy', name: 'Caddy', aliases: ['caddy'], ports: [tcp(80, 'web', 'Caddy', NO_LOOKUP), tcp(443, 'web', 'Caddy HTTPS', NO_LOOKUP), tcp(2019, 'admin', 'Caddy admin API')], images: ['caddy'], source: 'https://caddyserver.com/docs/api' },
  { id: 'nginx', name: 'nginx', aliases: ['nginx', 'openresty'], ports: [tcp(80, 'web', 'nginx', NO_LOOKUP), tcp(443, 'web', 'nginx HTTPS', NO_LOOKUP)], images: ['nginx', 'openresty/openresty'], source: 'https://nginx.org/en/docs/http/ngx_http_core_module.html#listen' },
  { id: 'nginx-unprivileged', name: 'nginx (unprivileged images)', aliases: ['nginx'], ports: [tcp(8080, 'web', 'nginx (unprivileged image)', NO_LOOKUP)], images: ['nginxinc/nginx-unprivileged', 'bitnami/nginx'], source: 'https://github.com/nginxinc/docker-nginx-unprivileged#readme' },
  { id: 'httpd', name: 'Apache HTTP Server', aliases: ['httpd', 'apache', 'apache2'], ports: [tcp(80, 'web', 'Apache httpd', NO_LOOKUP)], images: ['httpd'], source: 'https://httpd.apache.org/docs/2.4/bind.html' },
  { id: 'envoy', name: 'Envoy', aliases: ['envoy'], ports: [tcp(10000, 'web', 'Envoy example listener', NO_LOOKUP), tcp(9901, 'admin', 'Envoy admin')], images: ['envoyproxy/envoy'], source: 'https://www.envoyproxy.io/docs/envoy/latest/start/quick-start/admin' },
  { id: 'kong', name: 'Kong Gateway', aliases: ['kong'], ports: [tcp(8000, 'web', 'Kong proxy'), tcp(8443, 'web', 'Kong proxy (HTTPS)'), tcp(8001, 'admin', 'Kong Admin API'), tcp(8444, 'admin', 'Kong Admin API (HTTPS)')], images: ['kong', 'kong/kong-gateway'], source: 'https://docs.konghq.com/gateway/latest/production/networking/default-ports/' },
  { id: 'keycloak', name: 'Keycloak', aliases: ['keycloak'], ports: [tcp(8080, 'web', 'Keycloak'), tcp(8443, 'web', 'Keycloak (HTTPS)'), tcp(9000, 'metrics', 'Keycloak management (health, metrics)', NO_LOOKUP)], images: ['quay.io/keycloak/keycloak', 'keycloak/keycloak', 'bitnami/keycloak', 'jboss/keycloak'], source: 'https://www.keycloak.org/server/all-config' },
  { id: 'dex', name: 'Dex', aliases: ['dex', 'dexidp'], ports: [tcp(5556, 'web', 'Dex OIDC provider'), tcp(5557, 'admin', 'Dex gRPC API'), tcp(5558, 'metrics', 'Dex telemetry')], images: ['ghcr.io/dexidp/dex', 'dexidp/dex'], source: 'https://dexidp.io/docs/getting-started/' },
  { id: 'jenkins', name: 'Jenkins', aliases: ['jenkins'], ports: [tcp(8080, 'web', 'Jenkins', { rank: 3 }), tcp(50000, 'service', 'Jenkins inbound agents')], images: ['jenkins/jenkins', 'bitnami/jenkins'], source: 'https://www.jenkins.io/doc/book/installing/docker/' },
  { id: 'tomcat', name: 'Apache Tomcat', aliases: ['tomcat'], ports: [tcp(8080, 'web', 'Tomcat', { rank: 3 }), tcp(8443, 'web', 'Tomcat (HTTPS)'), tcp(8009, 'service', 'Tomcat AJP')], images: ['tomcat', 'bitnami/tomcat'], source: 'https://tomcat.apache.org/tomcat-10.1-doc/config/http.html' },
  { id: 'spring-boot', name: 'Spring Boot', aliases: ['spring', 'spring boot', 'spring-boot'], ports: [tcp(8080, 'web', 'Spring Boot', { rank: 3 })], images: [], source: 'https://docs.spring.io/spring-boot/appendix/application-properties/index.html' },
  { id: 'nexus', name: 'Sonatype Nexus Repository', aliases: ['nexus'], ports: [tcp(8081, 'web', 'Nexus Repository', { rank: 1 })], images: ['sonatype/nexus3'], source: 'https://help.sonatype.com/en/installation-methods.html' },
  { id: 'sonarqube', name: 'SonarQube', aliases: ['sonarqube', 'sonar'], ports: [tcp(9000, 'web', 'SonarQube', { rank: 2 })], images: ['sonarqube', 'bitnami/sonarqube'], source: 'https://docs.sonarsource.com/sonarqube-server/latest/setup-and-upgrade/install-the-server/installing-sonarqube-from-docker/' },
  { id: 'php-fpm', name: 'PHP-FPM', aliases: ['php-fpm', 'fpm'], ports: [tcp(9000, 'service', 'PHP-FPM (FastCGI)', { rank: 3 })], images: ['bitnami/php-fpm'], source: 'https://www.php.net/manual/en/install.fpm.configuration.php' },
  { id: 'airflow', name: 'Apache Airflow', aliases: ['airflow'], ports: [tcp(8080, 'web', 'Airflow web server', NO_LOOKUP)], images: ['apache/airflow', 'bitnami/airflow'], source: 'https://airflow.apache.org/docs/apache-airflow/stable/howto/docker-compose/index.html' },
  { id: 'spark', name: 'Apache Spark', aliases: ['spark'], ports: [tcp(7077, 'cluster', 'Spark standalone master'), tcp(4040, 'web', 'Spark application UI'), tcp(8080, 'web', 'Spark master UI', NO_LOOKUP)], images: ['apache/spark', 'bitnami/spark', 'spark'], source: 'https://spark.apache.org/docs/latest/spark-standalone.html' },
  { id: 'flink', name: 'Apache Flink', aliases: ['flink'], ports: [tcp(8081, 'web', 'Apache Flink web UI')], images: ['flink', 'apache/flink'], source: 'https://nightlies.apache.org/flink/flink-docs-stable/docs/deployment/config/' },
  { id: 'temporal', name: 'Temporal', aliases: ['temporal'], ports: [tcp(7233, 'service', 'Temporal frontend (gRPC)'), tcp(8233, 'web', 'Temporal dev server UI')], images: ['temporalio/auto-setup', 'temporalio/server'], source: 'https://docs.temporal.io/cli/server' },
  { id: 'n8n', name: 'n8n', aliases: ['n8n'], ports: [tcp(5678, 'web', 'n8n')], images: ['n8nio/n8n', 'docker.n8n.io/n8nio/n8n'], source: 'https://docs.n8n.io/hosting/installation/docker/' },
  { id: 'home-assistant', name: 'Home Assistant', aliases: ['home assistant', 'home-assistant', 'hass'], ports: [tcp(8123, 'web', 'Home Assistant', { rank: 1 })], images: ['homeassistant/home-assistant', 'ghcr.io/home-assistant/home-assistant'], source: 'https://www.home-assistant.io/installation/linux/' },
  { id: 'ollama', name: 'Ollama', aliases: ['ollama'], ports: [tcp(11434, 'web', 'Ollama API')], images: ['ollama/ollama'], source: 'https://github.com/ollama/ollama/blob/main/docs/faq.md' },
  { id: 'selenium', name: 'Selenium Grid', aliases: ['selenium', 'selenium grid', 'webdriver'], ports: [tcp(4444, 'web', 'Selenium Grid'), tcp(7900, 'web', 'Selenium noVNC'), tcp(5900, 'service', 'VNC', NO_LOOKUP)], images: ['selenium/standalone-chrome', 'selenium/standalone-firefox', 'selenium/standalone-edge', 'selenium/hub'], source: 'https://www.selenium.dev/documentation/grid/getting_started/' },
  { id: 'vnc', name: 'VNC (RFB)', aliases: ['vnc', 'rfb', 'tigervnc'], ports: [tcp(5900, 'service', 'VNC (displays :0 and :1)', { portHi: 5901 })], images: [], source: 'https://tigervnc.org/doc/Xvnc.html' },
  { id: 'rdp', name: 'Remote Desktop (RDP)', aliases: ['rdp', 'remote desktop', 'xrdp'], ports: [tcp(3389, 'service', 'Remote Desktop (RDP)')], images: [], source: 'https://learn.microsoft.com/en-us/windows-server/remote/remote-desktop-services/clients/change-listening-port' },
  { id: 'dns-server', name: 'DNS server (CoreDNS, BIND, dnsmasq, Unbound)', aliases: ['dns', 'coredns', 'bind9', 'named', 'dnsmasq', 'unbound'], ports: [udp(53, 'service', 'DNS', NO_LOOKUP), tcp(53, 'service', 'DNS over TCP (zone transfers, large answers)', NO_LOOKUP)], images: ['coredns/coredns', 'ubuntu/bind9', 'internetsystemsconsortium/bind9', 'mvance/unbound', '4km3/dnsmasq'], source: 'https://coredns.io/manual/toc/' },
  { id: 'ssh-alt', name: 'SSH in containers (linuxserver openssh-server)', aliases: ['ssh', 'openssh-server'], ports: [tcp(2222, 'service', 'SSH (alternate port)')], images: ['linuxserver/openssh-server', 'lscr.io/linuxserver/openssh-server'], source: 'https://docs.linuxserver.io/images/docker-openssh-server/' },
  { id: 'wireguard', name: 'WireGuard', aliases: ['wireguard', 'wg', 'wg-easy'], ports: [udp(51820, 'service', 'WireGuard')], images: ['linuxserver/wireguard', 'lscr.io/linuxserver/wireguard', 'ghcr.io/wg-easy/wg-easy'], source: 'https://www.wireguard.com/quickstart/' },
  { id: 'tailscale', name: 'Tailscale', aliases: ['tailscale'], ports: [udp(41641, 'service', 'Tailscale WireGuard')], images: ['tailscale/tailscale'], source: 'https://tailscale.com/kb/1082/firewall-ports' },
  { id: 'syncthing', name: 'Syncthing', aliases: ['syncthing'], ports: [tcp(8384, 'web', 'Syncthing web UI'), tcp(22000, 'service', 'Syncthing sync protocol')], images: ['syncthing/syncthing', 'linuxserver/syncthing'], source: 'https://docs.syncthing.net/users/firewall.html' },
  // Network services people name by their protocol ("SMTP on 25", "IMAPS 993"). IANA's registry already
  // names these ports on hovers, so they are looked up by name only: prose (scan/vocabulary/prose.ts)
  // ties a number to a port when one of these names stands beside it, and completion proposes them.
  { id: 'http', name: 'HTTP and HTTPS servers', aliases: ['http', 'https', 'web server'], ports: [tcp(80, 'web', 'HTTP', NO_LOOKUP), tcp(443, 'web', 'HTTPS', NO_LOOKUP), tcp(8080, 'web', 'HTTP (alternate)', NO_LOOKUP), tcp(8000, 'web', 'HTTP (alternate)', NO_LOOKUP), tcp(8443, 'web', 'HTTPS (alternate)', NO_LOOKUP)], images: [], protocol: true, source: 'https://www.rfc-editor.org/rfc/rfc9110#name-http-uri-scheme' },
  { id: 'openssh', name: 'OpenSSH server', aliases: ['openssh', 'sshd', 'ssh', 'sftp', 'scp'], ports: [tcp(22, 'service', 'SSH', NO_LOOKUP)], images: [], protocol: true, source: 'https://man.openbsd.org/sshd_config' },
  { id: 'postfix', name: 'Postfix (SMTP)', aliases: ['postfix', 'smtp', 'esmtp', 'smtps', 'submission', 'submissions', 'starttls', 'mta', 'mtas', 'mail'], ports: [tcp(25, 'service', 'SMTP', NO_LOOKUP), tcp(587, 'service', 'SMTP submission (STARTTLS)', NO_LOOKUP), tcp(465, 'service', 'SMTP submission (implicit TLS)', NO_LOOKUP)], images: [], protocol: true, source: 'https://www.postfix.org/master.5.html' },
  { id: 'dovecot', name: 'Dovecot (IMAP, POP3)', aliases: ['dovecot', 'imap', 'imap4', 'imaps', 'pop', 'pop3', 'pop3s', 'managesieve', 'sieve', 'lmtp'], ports: [tcp(143, 'service', 'IMAP', NO_LOOKUP), tcp(993, 'service', 'IMAPS', NO_LOOKUP), tcp(110, 'service', 'POP3', NO_LOOKUP), tcp(995, 'service', 'POP3S', NO_LOOKUP), tcp(4190, 'service', 'ManageSieve', NO_LOOKUP), tcp(24, 'service', 'LMTP', NO_LOOKUP)], images: [], protocol: true, source: 'https://doc.dovecot.org/' },
  { id: 'vsftpd', name: 'vsftpd (FTP)', aliases: ['vsftpd', 'ftp', 'ftps'], ports: [tcp(21, 'service', 'FTP control', NO_LOOKUP), tcp(20, 'service', 'FTP data (active mode)', NO_LOOKUP), tcp(990, 'service', 'FTPS (implicit TLS)', NO_LOOKUP)], images: [], protocol: true, source: 'https://security.appspot.com/vsftpd/vsftpd_conf.html' },
  { id: 'telnet', name: 'Telnet', aliases: ['telnet', 'telnetd'], ports: [tcp(23, 'service', 'Telnet', NO_LOOKUP)], images: [], protocol: true, source: 'https://www.rfc-editor.org/rfc/rfc854' },
  { id: 'dhcp', name: 'DHCP server and client', aliases: ['dhcp', 'dhcpd', 'bootp'], ports: [udp(67, 'service', 'DHCP server', NO_LOOKUP), udp(68, 'service', 'DHCP client', NO_LOOKUP)], images: [], protocol: true, source: 'https://www.rfc-editor.org/rfc/rfc2131' },
  { id: 'chrony', name: 'NTP (chrony, ntpd)', aliases: ['ntp', 'ntpd', 'chrony', 'chronyd'], ports: [udp(123, 'service', 'NTP', NO_LOOKUP)], images: [], protocol: true, source: 'https://chrony-project.org/doc/4.5/chrony.conf.html' },
  { id: 'net-snmp', name: 'Net-SNMP', aliases: ['snmp', 'snmpd', 'net-snmp'], ports: [udp(161, 'service', 'SNMP', NO_LOOKUP), udp(162, 'service', 'SNMP traps', NO_LOOKUP)], images: [], protocol: true, source: 'https://www.net-snmp.org/docs/man/snmpd.conf.html' },
  { id: 'openldap', name: 'OpenLDAP', aliases: ['openldap', 'slapd', 'ldap', 'ldaps'], ports: [tcp(389, 'service', 'LDAP', NO_LOOKUP), tcp(636, 'service', 'LDAPS', NO_LOOKUP)], images: [], protocol: true, source: 'https://www.openldap.org/doc/admin26/runningslapd.html' },
  { id: 'kerberos', name: 'Kerberos KDC (MIT krb5)', aliases: ['kerberos', 'krb5', 'kdc'], ports: [tcp(88, 'service', 'Kerberos', NO_LOOKUP)], images: [], protocol: true, source: 'https://web.mit.edu/kerberos/krb5-latest/doc/admin/conf_files/kdc_conf.html' },
  { id: 'samba', name: 'Samba (SMB)', aliases: ['samba', 'smb', 'smbd', 'cifs'], ports: [tcp(445, 'service', 'SMB', NO_LOOKUP), tcp(139, 'service', 'NetBIOS session (SMB1)', NO_LOOKUP)], images: [], protocol: true, source: 'https://www.samba.org/samba/docs/current/man-html/smb.conf.5.html' },
  { id: 'nfs', name: 'NFS server', aliases: ['nfs', 'nfsd', 'nfsv4'], ports: [tcp(2049, 'service', 'NFS', NO_LOOKUP)], images: [], protocol: true, source: 'https://www.rfc-editor.org/rfc/rfc7530' },
  { id: 'rsyncd', name: 'rsync daemon', aliases: ['rsync', 'rsyncd'], ports: [tcp(873, 'service', 'rsync daemon', NO_LOOKUP)], images: [], protocol: true, source: 'https://download.samba.org/pub/rsync/rsyncd.conf.5' },
  { id: 'rsyslog', name: 'syslog (rsyslog)', aliases: ['syslog', 'rsyslog', 'syslog-ng'], ports: [udp(514, 'service', 'syslog', NO_LOOKUP)], images: [], protocol: true, source: 'https://www.rsyslog.com/doc/configuration/modules/imudp.html' },
  { id: 'sip', name: 'SIP servers (Asterisk, Kamailio)', aliases: ['sip', 'asterisk', 'kamailio'], ports: [udp(5060, 'service', 'SIP', NO_LOOKUP), tcp(5061, 'service', 'SIP over TLS', NO_LOOKUP)], images: [], protocol: true, source: 'https://www.rfc-editor.org/rfc/rfc3261' },
  { id: 'prosody', name: 'XMPP servers (Prosody, ejabberd)', aliases: ['xmpp', 'prosody', 'ejabberd', 'jabber'], ports: [tcp(5222, 'service', 'XMPP client connections', NO_LOOKUP), tcp(5269, 'service', 'XMPP server-to-server', NO_LOOKUP)], images: [], protocol: true, source: 'https://prosody.im/doc/ports' },
  { id: 'irc', name: 'IRC servers', aliases: ['irc', 'ircd', 'inspircd'], ports: [tcp(6667, 'service', 'IRC', NO_LOOKUP), tcp(6697, 'service', 'IRC over TLS', NO_LOOKUP)], images: [], protocol: true, source: 'https://www.rfc-editor.org/rfc/rfc7194' },
  { id: 'openvpn', name: 'OpenVPN', aliases: ['openvpn'], ports: [udp(1194, 'service', 'OpenVPN', NO_LOOKUP)], images: [], protocol: true, source: 'https://openvpn.net/community-resources/reference-manual-for-openvpn-2-6/' },
  { id: 'coturn', name: 'coturn (STUN/TURN)', aliases: ['coturn', 'stun', 'turn', 'turnserver'], ports: [udp(3478, 'service', 'STUN/TURN', NO_LOOKUP), tcp(5349, 'service', 'STUN/TURN over TLS', NO_LOOKUP)], images: [], protocol: true, source: 'https://github.com/coturn/coturn/blob/master/README.turnserver' },
  { id: 'zabbix', name: 'Zabbix', aliases: ['zabbix'], ports: [tcp(10051, 'service', 'Zabbix server (trapper)', NO_LOOKUP), tcp(10050, 'service', 'Zabbix agent', NO_LOOKUP)], images: [], protocol: true, source: 'https://www.zabbix.com/documentation/current/en/manual/appendix/config/zabbix_server' },
  { id: 'statsd', name: 'StatsD', aliases: ['statsd'], ports: [udp(8125, 'metrics', 'StatsD', NO_LOOKUP)], images: [], protocol: true, source: 'https://github.com/statsd/statsd/blob/master/exampleConfig.js' },
  { id: 'graphite', name: 'Graphite (carbon)', aliases: ['graphite', 'carbon'], ports: [tcp(2003, 'metrics', 'Graphite plaintext protocol', NO_LOOKUP), tcp(2004, 'metrics', 'Graphite pickle protocol', NO_LOOKUP)], images: [], protocol: true, source: 'https://graphite.readthedocs.io/en/latest/carbon-daemons.html' },
  { id: 'media-streaming', name: 'RTMP and RTSP servers (MediaMTX, nginx-rtmp)', aliases: ['rtmp', 'rtsp', 'mediamtx'], ports: [tcp(1935, 'service', 'RTMP', NO_LOOKUP), tcp(554, 'service', 'RTSP', NO_LOOKUP)], images: [], protocol: true, source: 'https://github.com/bluenviron/mediamtx' },
];

/** A port of the table with the software it belongs to. */
export interface SoftwarePortEntry {
  software: Software;
  port: SoftwarePort;
}

function covers(p: SoftwarePort, port: number): boolean {
  return port >= p.port && port <= (p.portHi ?? p.port);
}

const byPortCache = new Map<number, SoftwarePortEntry[]>();
for (const software of SOFTWARE) {
  for (const p of software.ports) {
    if (p.lookup === false) continue;
    for (let n = p.port; n <= (p.portHi ?? p.port); n++) {
      let list = byPortCache.get(n);
      if (!list) byPortCache.set(n, (list = []));
      list.push({ software, port: p });
    }
  }
}
// Array.prototype.sort is stable, so programs of equal rank keep table order.
for (const list of byPortCache.values()) list.sort((a, b) => (b.port.rank ?? 0) - (a.port.rank ?? 0));

/**
 * The software known to run on a port, most common first (ports marked `lookup: false` are left out).
 * With a protocol, entries of the other transport protocol are left out.
 */
export function softwareOnPort(port: number, protocol?: string): readonly SoftwarePortEntry[] {
  const all = byPortCache.get(port) ?? [];
  if (!protocol || (protocol !== 'tcp' && protocol !== 'udp')) return all;
  return all.filter((e) => e.port.protocol === protocol && covers(e.port, port));
}

/** At most this many labels are named on one line; the rest are summed up. */
export const COMMON_PRACTICE_LABELS_SHOWN = 3;

/**
 * What runs on a port in common practice, as one short line ("Node.js/React dev servers, Rails,
 * Grafana"), or undefined where the table knows nothing. Labels shared by several programs appear once.
 */
export function commonPracticeLabel(port: number, protocol?: string): string | undefined {
  const labels: string[] = [];
  for (const e of softwareOnPort(port, protocol)) if (!labels.includes(e.port.label)) labels.push(e.port.label);
  if (!labels.length) return undefined;
  const shown = labels.slice(0, COMMON_PRACTICE_LABELS_SHOWN).join(', ');
  return labels.length > COMMON_PRACTICE_LABELS_SHOWN ? `${shown} and ${labels.length - COMMON_PRACTICE_LABELS_SHOWN} more` : shown;
}

/**
 * True where IANA's name already says what runs on the port (5432 postgresql, 6379 redis, 5672 amqp):
 * one of the registered names is the id or an alias of the most common program there, alone or
 * before a hyphen (etcd-client on 2379). Where it is
 * not (3000 hbci, 9092 XmlIpcRegSvc), the IANA name misleads and common practice should lead.
 */
export function ianaNameAgrees(port: number, ianaNames: readonly string[], protocol?: string): boolean {
  const first = softwareOnPort(port, protocol)[0]?.software;
  if (!first) return false;
  const words = [first.id, ...first.aliases];
  return ianaNames.some((n) => {
    const name = n.toLowerCase();
    // "etcd-client" says etcd as plainly as "etcd" would; short aliases (pg, es) must match whole.
    return words.some((w) => name === w || (w.length >= 4 && name.startsWith(w + '-')));
  });
}

/** The common-practice line of every port the table knows, for look-ups by port number alone. */
export function commonPracticeByPort(): Map<number, string> {
  const map = new Map<number, string>();
  for (const port of [...byPortCache.keys()].sort((a, b) => a - b)) map.set(port, commonPracticeLabel(port) ?? '');
  return map;
}

const byImage = new Map<string, Software>();
const byName = new Map<string, Software[]>();
for (const software of SOFTWARE) {
  if (software.protocol) continue;
  for (const image of software.images) if (!byImage.has(image)) byImage.set(image, software);
  for (const word of new Set([software.id, software.name.toLowerCase(), ...software.aliases])) {
    const list = byName.get(word);
    if (list) list.push(software);
    else byName.set(word, [software]);
  }
}

/** The software an image runs (`grafana/grafana:11.0`, `docker.io/library/redis:7`), if the table knows it. */
export function softwareForImage(ref: string): Software | undefined {
  const image = normaliseImage(ref);
  return image ? byImage.get(image) : undefined;
}

/** Software whose id, name or one of whose aliases is exactly this word (case-insensitive), table order. */
export function softwareByName(word: string): readonly Software[] {
  return byName.get(word.trim().toLowerCase()) ?? [];
}

/** Every distinct name and alias with its software, for completion by software name. */
export function softwareNames(): ReadonlyMap<string, readonly Software[]> {
  return byName;
}
