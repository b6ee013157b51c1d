#!/usr/bin/env bash
# Checks the README's promise on a fresh Debian 12: in a minimal bookworm root built with
# mmdebstrap, a clean clone of the repository (../shared beside it) and, as root, only
# `apt-get update && apt-get install -y git make`, then `make run` and `make test`.
# Too slow for CI (a full dependency install and first build: tens of minutes on 2 cores).
#
# Usage (as root, with network access to deb.debian.org):
#   tools/check-fresh-machine.sh [COMMIT]      # default HEAD; prints PASS or FAIL at the end
# Needs mmdebstrap, a tool of this check only: `apt-get install -y mmdebstrap`.
# The host's downloaded .deb files (/var/cache/apt/archives) are hard-linked into the root to
# save the download; apt checks each against the fresh package lists, so the result is the same.
# NSMLAB_FRESH_KEEP=1 keeps the work folder (/tmp/nsmlab-fresh-XXXXXX) for inspection.
set -euo pipefail

die() { echo "check-fresh-machine: $*" >&2; exit 2; }
[[ $(id -u) -eq 0 ]] || die "must run as root (chroot, mounts)"
command -v mmdebstrap >/dev/null || die "mmdebstrap is missing: apt-get install -y mmdebstrap"
repo=$(git -C "$(dirname "$0")/.." rev-parse --show-toplevel)
commit=$(git -C "$repo" rev-parse --verify "${1:-HEAD}^{commit}") || die "unknown commit ${1:-HEAD}"
shared=$(realpath "$repo/../shared") || die "$repo/../shared is missing"
[[ -d $shared ]] || die "$shared is not a folder"

work=$(mktemp -d /tmp/nsmlab-fresh-XXXXXX)
root=$work/root
mounts=()
cleanup() {
  local i
  for ((i = ${#mounts[@]} - 1; i >= 0; i--)); do umount -R "${mounts[i]}" 2>/dev/null || umount -l "${mounts[i]}" || true; done
  if [[ "${NSMLAB_FRESH_KEEP:-0}" == 1 ]]; then echo "check-fresh-machine: kept $work" >&2; return; fi
  if findmnt -rn -o TARGET | grep -q "^$work/"; then
    echo "check-fresh-machine: something is still mounted under $work; not removing it" >&2
    return
  fi
  rm -rf --one-file-system -- "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

start=$(date +%s)
echo "check-fresh-machine: commit $commit, work folder $work"
mirror=http://deb.debian.org/debian
mmdebstrap --variant=minbase --skip=cleanup/apt/cache \
  --setup-hook='mkdir -p "$1/var/cache/apt/archives" && { cp -l /var/cache/apt/archives/*.deb "$1/var/cache/apt/archives/" 2>/dev/null || true; }' \
  bookworm "$root" \
  "deb $mirror bookworm main" "deb $mirror bookworm-updates main" \
  "deb http://deb.debian.org/debian-security bookworm-security main"

git clone -q --no-checkout "$repo" "$root/root/nsmlab"
git -C "$root/root/nsmlab" checkout -q --detach "$commit"
cp -a "$shared" "$root/root/shared"
cp -L /etc/resolv.conf "$root/etc/resolv.conf"

for m in proc sys dev; do
  case $m in
    proc) mount -t proc proc "$root/proc" ;;
    sys)  mount --rbind /sys "$root/sys" && mount --make-rslave "$root/sys" ;;
    dev)  mount --rbind /dev "$root/dev" && mount --make-rslave "$root/dev" ;;
  esac
  mounts+=("$root/$m")
done

status=0
chroot "$root" /usr/bin/env -i HOME=/root LANG=C.UTF-8 TERM=dumb \
  PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
  bash -c 'set -e
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq git make >/dev/null
    cd /root/nsmlab
    echo "=== make run"; make run
    echo "=== make test"; make test' || status=$?

took=$(( $(date +%s) - start ))
if [[ $status -eq 0 ]]; then
  echo "check-fresh-machine: PASS (commit $commit, $((took / 60)) min $((took % 60)) s)"
else
  echo "check-fresh-machine: FAIL (exit $status, commit $commit, $((took / 60)) min $((took % 60)) s)"
fi
exit $status
