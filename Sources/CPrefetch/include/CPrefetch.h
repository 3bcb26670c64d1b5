#ifndef CPREFETCH_H
#define CPREFETCH_H

// A hint that memory at an address will be read soon, for passes that know a few steps ahead
// which memory they will read at random (Swift has no way to say this). It never faults,
// whatever the address, and changes nothing a program can see but its speed.
static inline __attribute__((always_inline)) void argmap_prefetch(const void *address) {
    __builtin_prefetch(address, 0, 3);
}

#endif
