// Force-included (-include) ahead of hnswlib-node's sources by sitrep's own compile of the addon
// (scripts/build-hnswlib-simd.ts). hnswlib keeps a graph in one malloc'd block: 65 MB at 15k passages of 1024
// dimensions. Filling fresh memory costs a page fault per 4 KB page, and on the VMs sitrep was measured on a fault
// costs ~14 us: reading a saved graph took 420-520 ms, against ~90 ms with the block backed by 2 MB pages. So large
// blocks are marked for transparent huge pages before hnswlib fills them. It is only a hint: where the kernel does not
// offer them (or off Linux) nothing changes, and blocks stay ordinary malloc memory for free() and realloc().
#pragma once
#include <cstdlib>

#if defined(__linux__)
#include <cstdint>
#include <sys/mman.h>
#include <unistd.h>

namespace sitrep_hnswlib {

inline void* malloc_hinting_huge_pages(std::size_t size) {
  void* block = std::malloc(size);
  constexpr std::size_t kHugePage = std::size_t{2} << 20;
  if (block == nullptr || size < 4 * kHugePage) return block;
  const auto page = static_cast<std::uintptr_t>(sysconf(_SC_PAGESIZE));
  const auto begin = (reinterpret_cast<std::uintptr_t>(block) + page - 1) & ~(page - 1);
  const auto end = (reinterpret_cast<std::uintptr_t>(block) + size) & ~(page - 1);
  if (end > begin) madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
  return block;
}

}  // namespace sitrep_hnswlib

#define malloc(size) ::sitrep_hnswlib::malloc_hinting_huge_pages(size)
#endif
