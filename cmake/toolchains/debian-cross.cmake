# debian-cross.cmake -- what the Raspberry Pi OS toolchain files share: the target's libraries
# (a sysroot of unpacked packages, or Debian multiarch), pkg-config limited to the target's .pc
# files, and qemu-user as ctest's emulator. The including file sets CMAKE_SYSTEM_*,
# CMAKE_C_COMPILER and ompscale_arch, ompscale_triplet, ompscale_qemu, ompscale_qemu_cpu.

set(OMPSCALE_SYSROOT "" CACHE PATH "Root of unpacked ${ompscale_arch} packages; empty for Debian multiarch")
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
  # The multiarch loader, libc and libgomp. "-L /usr/<triplet>" would pair the cross
  # package's loader with the multiarch libc.so.6, two glibc builds: OpenMP tests then hang.
  set(ompscale_qemu_root /)
endif()
# Only the target's .pc files, never the host's.
set(ENV{PKG_CONFIG_LIBDIR} "${OMPSCALE_SYSROOT}/usr/lib/${ompscale_triplet}/pkgconfig")
set(ENV{PKG_CONFIG_LIBDIR} "$ENV{PKG_CONFIG_LIBDIR}:${OMPSCALE_SYSROOT}/usr/share/pkgconfig")
unset(ENV{PKG_CONFIG_PATH})

# By full path: the tests run it with PATH changed.
find_program(OMPSCALE_QEMU ${ompscale_qemu})
if(NOT OMPSCALE_QEMU)
  message(WARNING "${ompscale_qemu} was not found (apt-get install qemu-user): the tests cannot run")
  set(OMPSCALE_QEMU ${ompscale_qemu})
endif()
set(CMAKE_CROSSCOMPILING_EMULATOR "${OMPSCALE_QEMU}" -cpu ${ompscale_qemu_cpu} -L "${ompscale_qemu_root}")
