# Sourced by bootstrap.sh and build.sh: the toolchain of the release wasm. A pinned nightly
# rebuilds the standard library for size and drops panic messages, source locations and
# Debug formatting; native code, component tests and `make dev` stay on the stable
# toolchain of rust-toolchain.toml, so a panic in development still says what happened.
RELEASE_TOOLCHAIN=nightly-2026-10-29
release_env() {
  export RUSTUP_TOOLCHAIN="$RELEASE_TOOLCHAIN"
  export CARGO_UNSTABLE_BUILD_STD=std,panic_abort
  export CARGO_UNSTABLE_BUILD_STD_FEATURES=optimize_for_size
  # A target directory of its own, so the stable builds are not thrown away.
  export CARGO_TARGET_DIR="$PWD/target/release-nightly"
  export RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none -Zfmt-debug=none --cfg erase_components"
}
