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

set(OMPSCALE_SYSROOT "" CACHE PATH "Root of unpacked arm64 packages; empty for Debian multiarch")
# try_compile projects read this file again and need the same root.
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES OMPSCALE_SYSROOT)

if(OMPSCALE_SYSROOT)
  set(CMAKE_SYSROOT "${OMPSCALE_SYSROOT}")
  set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)   # pkg-config and bash are the host's
  set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
  set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
  set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
  set(ENV{PKG_CONFIG_SYSROOT_DIR} "${OMPSCALE_SYSROOT}")
  set(ompscale_qemu_root "${OMPSCALE_SYSROOT}")
else()
  unset(ENV{PKG_CONFIG_SYSROOT_DIR})
  # The multiarch loader, libc and libgomp. "-L /usr/aarch64-linux-gnu" would pair the cross
  # package's loader with the multiarch libc.so.6, two glibc builds: OpenMP tests then hang.
  set(ompscale_qemu_root /)
endif()
# Only the target's .pc files, never the host's.
set(ENV{PKG_CONFIG_LIBDIR} "${OMPSCALE_SYSROOT}/usr/lib/aarch64-linux-gnu/pkgconfig")
set(ENV{PKG_CONFIG_LIBDIR} "$ENV{PKG_CONFIG_LIBDIR}:${OMPSCALE_SYSROOT}/usr/share/pkgconfig")
unset(ENV{PKG_CONFIG_PATH})

# By full path: the tests run it with PATH changed.
find_program(OMPSCALE_QEMU qemu-aarch64)
if(NOT OMPSCALE_QEMU)
  message(WARNING "qemu-aarch64 was not found (apt-get install qemu-user): the tests cannot run")
  set(OMPSCALE_QEMU qemu-aarch64)
endif()
set(CMAKE_CROSSCOMPILING_EMULATOR "${OMPSCALE_QEMU}" -cpu cortex-a53 -L "${ompscale_qemu_root}")
