# Cross build for Raspberry Pi OS 64-bit (arm64) with Debian's aarch64-linux-gnu-gcc; ctest runs
# the test binaries under qemu-user.
#
# The target's libraries come from one of two places: a root of unpacked arm64 packages named by
# OMPSCALE_SYSROOT (what .ci/cross.sh makes; nothing foreign is installed on the host), or, when it
# is empty, Debian multiarch (dpkg --add-architecture arm64; apt-get install libcairo2-dev:arm64
# libjson-c-dev:arm64 libgomp1:arm64).
#
# Raspberry Pi OS 64-bit is Debian arm64, so the compiler's ARMv8-A default runs on every 64-bit Pi
# (3, 4, 5, Zero 2 W); the tests run on a Cortex-A53 (Pi 3, the oldest) to keep it that way.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)

set(ompscale_arch arm64)
set(ompscale_triplet aarch64-linux-gnu)
set(ompscale_qemu qemu-aarch64)
set(ompscale_qemu_cpu cortex-a53)
include(${CMAKE_CURRENT_LIST_DIR}/debian-cross.cmake)
