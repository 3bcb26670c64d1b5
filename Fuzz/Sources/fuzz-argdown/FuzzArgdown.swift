import ArgMapFormats
import FuzzSupport

/// The argument-file reader: any bytes give a map or located errors, never a crash or a hang;
/// a map it gives saves to the same bytes twice and survives a trip through argmap's JSON;
/// where the fast path answers, the general reader builds the same map and says nothing, and
/// so does the fast path from the bytes as they stand in a file.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzArgdown(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = Checks.text(data, size)
    Checks.bytesPathAgrees(data, size, path: "fuzz.argdown")
    if let fast = ArgdownFormat.readFast(text) { Checks.sameAsGeneralReader(fast, text) }
    do {
        let map = try ArgdownFormat.read(text).map
        Checks.savesAndReadsBack(map, from: "the argdown reader")
        Checks.survivesJSON(map, from: "the argdown reader")
    } catch {
        Checks.located(error, in: text)
    }
    return 0
}
