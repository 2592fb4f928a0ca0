# Sourced by the import benchmarks: csv_fixture WORK ROWS builds, once, the CSV import fixture in
# WORK (bench/import_make_fixture.cpp: ROWS rows, each a distinct hard link to one of 48 small
# real PNG/JPEG files, over 1,000 folders, with 100 classes) and reuses it afterwards.
csv_fixture() {
  local work=$1 rows=$2
  mkdir -p "$work"
  [ -f "$work/manifest.csv" ] && return 0
  echo "building fixture in $work ..."
  c++ -O2 -std=c++20 bench/import_make_fixture.cpp $(pkg-config --cflags --libs opencv4) -o "$work/make_fixture"
  "$work/make_fixture" "$work" "$rows"
}
