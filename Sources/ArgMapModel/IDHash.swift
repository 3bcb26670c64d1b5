/// The hash the id index keeps of each claim id: 32 bits, the same for two ids exactly when
/// they are canonically equivalent (as Swift's `==` compares strings), seeded per process.
///
/// An id is hashed as the bytes of its NFC form (Unicode's composed form, which canonically
/// equivalent strings share): an ASCII id is its own NFC form, so its bytes are hashed where
/// they lie; any other id is put in NFC first, by the standard library's own normalization
/// (`_nfcCodeUnits`, what `String`'s hashing and `==` use). The bytes are read eight at a time
/// and folded with two 64-bit multiplications (a 128-bit product's halves xored), keyed with
/// two random 64-bit seeds drawn once per process: no file can be written to make the table's
/// runs long without knowing them.
///
/// Why not Swift's own `hashValue`: it is SipHash-1-3 behind a general `Hasher`, several times
/// the work per short id, and loading a map, checking its integrity and putting claims back all
/// hash every id they meet. The benchmark `find every id 1M` (each id hashed and its slot
/// probed) took 196–201 ms with it and 143–149 ms with this hash (see docs/PERFORMANCE-HISTORY.md).
package enum IDHash {
    /// The process's two seeds (the first odd, so that it never multiplies to 0).
    package static let seeds: (UInt64, UInt64) = {
        var random = SystemRandomNumberGenerator()
        return (random.next() | 1, random.next())
    }()

    /// The hash of `id`. A loop over many ids reads ``seeds`` once and passes them (each read
    /// of a lazily made global checks that it is made).
    @inline(__always) static func of(_ id: String, _ seeds: (UInt64, UInt64) = seeds) -> UInt32 {
        // The bytes are read in place (copied only from a string stored otherwise).
        if let ascii = id.utf8.withContiguousStorageIfAvailable({ asciiHash($0, seeds) }), let hash = ascii { return hash }
        return id._nfcCodeUnits.withUnsafeBufferPointer { hash($0, seeds).hash }
    }

    /// The hash of bytes that are all ASCII (then they are their own NFC form), or nil.
    @inline(__always) static func asciiHash(_ bytes: UnsafeBufferPointer<UInt8>, _ seeds: (UInt64, UInt64)) -> UInt32? {
        let (hash, high) = hash(bytes, seeds)
        return high & 0x8080_8080_8080_8080 == 0 ? hash : nil
    }

    /// The hash of `bytes`, and every byte read or-ed together into `high` (in some lane), so
    /// that a byte past ASCII sets a lane's top bit.
    /// (Package-wide: the Kialo reader's table of claim numbers hashes their bytes with it.)
    @inline(__always) package static func hash(_ bytes: UnsafeBufferPointer<UInt8>, _ seeds: (UInt64, UInt64)) -> (hash: UInt32, high: UInt64) {
        let (s0, s1) = seeds
        let n = bytes.count
        guard n > 0, let base = bytes.baseAddress else { return (UInt32(truncatingIfNeeded: fold(s0, s1)), 0) }
        let p = UnsafeRawPointer(base)
        @inline(__always) func word(_ offset: Int) -> UInt64 { p.loadUnaligned(fromByteOffset: offset, as: UInt64.self) }
        @inline(__always) func half(_ offset: Int) -> UInt64 { UInt64(p.loadUnaligned(fromByteOffset: offset, as: UInt32.self)) }
        // The first and the last eight bytes (or four, or the first, middle and last byte),
        // which overlap for a short id; a longer one folds sixteen bytes at a time first.
        var a: UInt64, b: UInt64, high: UInt64, carried = s1
        if n > 16 {
            high = 0
            var i = 0
            while i + 16 < n {
                let x = word(i), y = word(i + 8)
                high |= x | y
                carried = fold(x ^ s0, y ^ carried)
                i += 16
            }
            a = word(n - 16)
            b = word(n - 8)
            high |= a | b
        } else if n >= 8 {
            a = word(0)
            b = word(n - 8)
            high = a | b
        } else if n >= 4 {
            a = half(0)
            b = half(n - 4)
            high = a | b
        } else {
            a = UInt64(bytes[0]) | UInt64(bytes[n / 2]) << 8 | UInt64(bytes[n - 1]) << 16
            b = 0
            high = a
        }
        let folded = fold(a ^ s0, b ^ carried ^ UInt64(n))
        return (UInt32(truncatingIfNeeded: fold(folded ^ s1, 0x9E37_79B9_7F4A_7C15)), high)
    }

    /// The two halves of a 128-bit product, xored: every bit of each factor reaches the middle
    /// bits of the result.
    @inline(__always) static func fold(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let product = a.multipliedFullWidth(by: b)
        return product.high ^ product.low
    }
}
