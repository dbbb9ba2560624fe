#!/usr/bin/env bash
# The tree shows the pipeline: each folder includes only itself and the
# folders below it (the order of LAYERS in the Makefile).  Also: every
# library file carries its folder's name, and every folder is a known layer.
set -u
cd "$(dirname "$0")/.."
layers=(base read scan attribute model cube check export warehouse pipeline src)
rank() { local i; for i in "${!layers[@]}"; do [ "${layers[$i]}" = "$1" ] && { echo "$i"; return; }; done; echo -1; }
fail=0
for d in "${layers[@]}"; do
    [ -d "$d" ] || { echo "missing layer folder $d/"; fail=1; continue; }
    r=$(rank "$d")
    for f in "$d"/*.[ch]; do
        # files carry their folder's prefix (base/ and src/ excepted: base
        # holds independent containers, src the command line)
        case $d in base|src) ;; *)
            b=$(basename "$f"); case $b in "$d".[ch]|"$d"_*) ;; *)
                echo "$f: file name does not start with '$d'"; fail=1 ;; esac ;;
        esac
        while IFS= read -r inc; do
            case $inc in
            ../*/*) t=${inc#../}; t=${t%%/*} ;;
            */*)    echo "$f: include \"$inc\" reaches into a subfolder"; fail=1; continue ;;
            *)      t=$d ;;
            esac
            tr=$(rank "$t")
            if [ "$tr" -lt 0 ]; then echo "$f: include \"$inc\": $t/ is not a layer"; fail=1
            elif [ "$tr" -gt "$r" ]; then echo "$f: include \"$inc\": $d/ may not include $t/ (above it)"; fail=1
            elif [ ! -f "$d/$inc" ]; then echo "$f: include \"$inc\" does not exist"; fail=1
            fi
        done < <(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$f")
    done
done
for d in */; do
    d=${d%/}
    case $d in build|fixtures|sql|tests|out) continue ;; esac
    ls "$d"/*.[ch] >/dev/null 2>&1 && [ "$(rank "$d")" -lt 0 ] && { echo "$d/ holds C files but is not a layer"; fail=1; }
done
[ "$fail" -eq 0 ] && echo "layers: ${layers[*]}: every include goes down"
exit $fail
