#!/usr/bin/env bash
# Start-up of the cairn command as a whole process, side by side with dbmate (a Go binary), on
# the same database: a no-op `status` and a no-op `up` (everything applied), run interleaved.
# See src/docs/performance.md, "The cairn command against dbmate".
#
#   ./mvnw -B -ntp -pl cli -am package -DskipTests && bash benchmarks/cli-startup.sh [RUNS]
#
# DBMATE: the dbmate binary; without it, `npm install dbmate` runs in a temporary folder.
# CAIRN_BENCH_PG: libpq-style server address (default postgres@127.0.0.1:5432). The script
# creates one database, cairn_cli_bench_<pid>, and drops it at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${1:-20}
dist=${CAIRN_CLI_DIST:-cli/target/dist}
cairn=$dist/bin/cairn
[ -x "$cairn" ] || { echo "No $cairn: build it with ./mvnw -B -ntp -pl cli -am package -DskipTests" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [ -z "${DBMATE:-}" ]; then
	(cd "$work" && npm install --silent --no-audit --no-fund dbmate >/dev/null)
	DBMATE=$(ls "$work"/node_modules/@dbmate/*/bin/dbmate)
fi

server=${CAIRN_BENCH_PG:-postgres@127.0.0.1:5432}
db=cairn_cli_bench_$$
psql "postgres://$server/postgres" -qc "CREATE DATABASE $db"
trap 'psql "postgres://$server/postgres" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)"; rm -rf "$work"' EXIT
url="postgres://$server/$db?sslmode=disable"

# The same ten migrations for both tools, each in its own layout, on tables of its own.
mkdir -p "$work/cairn" "$work/dbmate"
for i in $(seq 1 10); do
	v=$(printf '%06d' "$i")
	echo "CREATE TABLE cairn_t$i (id bigint PRIMARY KEY, name text NOT NULL);" > "$work/cairn/${v}_t$i.up.sql"
	echo "DROP TABLE cairn_t$i;" > "$work/cairn/${v}_t$i.down.sql"
	printf -- '-- migrate:up\nCREATE TABLE dbmate_t%s (id bigint PRIMARY KEY, name text NOT NULL);\n-- migrate:down\nDROP TABLE dbmate_t%s;\n' \
		"$i" "$i" > "$work/dbmate/2024010100000${i}_t$i.sql"
done
export CAIRN_CDS_DIR=$work/cds
# The floor of any JVM tool: a class that does nothing, with the launcher's JVM flags.
printf 'public class Noop { public static void main(String[] args) { } }\n' > "$work/Noop.java"
javac -d "$work" "$work/Noop.java"
# Cairn first: with its history written, it never looks at dbmate's schema_migrations.
"$cairn" up -database "$url" -path "$work/cairn" >/dev/null
"$DBMATE" --url "$url" --migrations-dir "$work/dbmate" --no-dump-schema up >/dev/null

declare -A variants=(
	[dbmate-status]="$DBMATE --url $url --migrations-dir $work/dbmate status"
	[dbmate-up]="$DBMATE --url $url --migrations-dir $work/dbmate --no-dump-schema up"
	[cairn-status]="$cairn status -database $url -path $work/cairn"
	[cairn-up]="$cairn up -database $url -path $work/cairn"
	[cairn-status-no-cds]="env CAIRN_CDS=off $cairn status -database $url -path $work/cairn"
	[cairn-up-no-cds]="env CAIRN_CDS=off $cairn up -database $url -path $work/cairn"
	[jvm-floor]="java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -Xshare:auto -cp $work Noop"
	[cairn-up-plain-java]="java -jar $dist/lib/cairn-cli.jar up -database $url -path $work/cairn"
)
order=(dbmate-status cairn-status cairn-status-no-cds dbmate-up cairn-up cairn-up-no-cds cairn-up-plain-java jvm-floor)
# One warm-up each (the first cairn run also writes the class-data sharing archive).
for name in "${order[@]}"; do ${variants[$name]} >/dev/null 2>&1; done

samples=$work/samples.tsv
for run in $(seq 1 "$runs"); do
	for name in "${order[@]}"; do
		/usr/bin/time -f "$name\t%e\t%U\t%S" -a -o "$samples" ${variants[$name]} >/dev/null 2>"$work/err" \
			|| { echo "$name failed:" >&2; cat "$work/err" >&2; exit 1; }
	done
done

echo "Load average before/after: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores; $runs runs each, interleaved"
echo
echo "| variant | wall median (ms) | wall min (ms) | CPU user+sys median (ms) | wall median / dbmate's |"
echo "|---|---|---|---|---|"
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
declare -A walls
for name in "${order[@]}"; do
	wall=$(awk -F'\t' -v n="$name" '$1==n {print $2*1000}' "$samples" | median)
	min=$(awk -F'\t' -v n="$name" '$1==n {print $2*1000}' "$samples" | sort -n | head -1)
	cpu=$(awk -F'\t' -v n="$name" '$1==n {print ($3+$4)*1000}' "$samples" | median)
	walls[$name]=$wall
	case $name in
		*status*) base=${walls[dbmate-status]} ;;
		*) base=${walls[dbmate-up]} ;;
	esac
	ratio=$(awk -v a="$wall" -v b="$base" 'BEGIN {printf "%.2fx", (b > 0) ? a / b : 0}')
	echo "| $name | $wall | $min | $cpu | $ratio |"
done
