extension UInt8 {
    /// The byte's lower case when it is an ASCII capital (A–Z), else the byte: how `find`, id
    /// prefixes and "did you mean" fold ASCII text byte by byte.
    @inline(__always) var asciiLowercased: UInt8 { self >= 0x41 && self <= 0x5A ? self | 0x20 : self }
}
