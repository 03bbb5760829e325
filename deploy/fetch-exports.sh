#!/usr/bin/env bash
# Fetch the CRM and billing exports into a folder, for a scheduled refresh.
#
#   deploy/fetch-exports.sh DEST
#
# Where the exports come from (first match wins):
#   EXPORTS_URL=https://…/exports.tar.gz   a .tar.gz/.tgz or .zip archive (or a single .csv) over HTTPS;
#                                          EXPORTS_TOKEN, when set, is sent as "Authorization: Bearer …"
#   EXPORTS_URL=s3://bucket/prefix/        an S3 folder, copied with the AWS CLI (credentials from the
#                                          usual AWS_* variables)
#   EXPORTS_DIR=path/in/repo               a folder committed to the repository (default: exports/)
#
# Exit status: 0 fetched; 2 nothing to fetch or the download failed (the
# refresh would have no input: treat like bad input).
set -euo pipefail

dest="${1:?usage: deploy/fetch-exports.sh DEST}"
url="${EXPORTS_URL:-}"
committed="${EXPORTS_DIR:-exports}"

fail() {
  echo "fetch-exports: $*" >&2
  exit 2
}

# An archive often holds one top-level folder: move its files up so that DEST
# holds accounts.csv, invoice_lines.csv, … directly.
flatten() {
  shopt -s nullglob dotglob
  local entries=("$dest"/*)
  if [ "${#entries[@]}" -eq 1 ] && [ -d "${entries[0]}" ]; then
    local inner="${entries[0]}"
    mv "$inner"/* "$dest"/
    rmdir "$inner"
  fi
  shopt -u nullglob dotglob
}

if [ -n "$url" ]; then
  rm -rf "$dest"
  mkdir -p "$dest"
  case "$url" in
    s3://*)
      command -v aws >/dev/null || fail "EXPORTS_URL is an s3:// address but the AWS CLI is not installed"
      aws s3 cp --recursive --only-show-errors "$url" "$dest" || fail "could not copy $url"
      ;;
    http://* | https://*)
      tmp="$(mktemp)"
      trap 'rm -f "$tmp"' EXIT
      auth=()
      if [ -n "${EXPORTS_TOKEN:-}" ]; then auth=(-H "Authorization: Bearer ${EXPORTS_TOKEN}"); fi
      # The address may carry a signed query string: never echo it.
      curl -fsSL --retry 3 --retry-delay 10 --max-time 600 "${auth[@]}" -o "$tmp" "$url" ||
        fail "download failed (curl exit $?); check the EXPORTS_URL and EXPORTS_TOKEN secrets"
      path="${url%%\?*}"
      case "$path" in
        *.tar.gz | *.tgz) tar -xzf "$tmp" -C "$dest" || fail "the download is not a valid .tar.gz archive" ;;
        *.zip) unzip -q "$tmp" -d "$dest" || fail "the download is not a valid .zip archive" ;;
        *.csv | *.csv.gz | *.parquet) cp "$tmp" "$dest/$(basename "$path")" ;;
        *)
          # No telling extension: recognise the archive by its content.
          if gzip -t "$tmp" 2>/dev/null; then tar -xzf "$tmp" -C "$dest" || fail "the download is gzip but not a .tar.gz archive"
          elif unzip -tq "$tmp" >/dev/null 2>&1; then unzip -q "$tmp" -d "$dest"
          else fail "cannot tell what the download is (expected a .tar.gz or .zip archive)"
          fi
          ;;
      esac
      ;;
    *) fail "EXPORTS_URL must start with https://, http:// or s3://" ;;
  esac
  flatten
elif [ -d "$committed" ]; then
  if [ "$(cd "$committed" && pwd)" != "$(mkdir -p "$dest" && cd "$dest" && pwd)" ]; then
    rm -rf "$dest"
    cp -R "$committed" "$dest"
  fi
else
  fail "no exports: set the EXPORTS_URL secret, or commit the exports to ${committed}/"
fi

count="$(find "$dest" -maxdepth 1 -type f | wc -l | tr -d ' ')"
[ "$count" -gt 0 ] || fail "the exports folder $dest is empty"
echo "fetch-exports: $count files in $dest" >&2
