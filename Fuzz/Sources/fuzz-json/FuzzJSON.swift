import ArgMapFormats
import FuzzSupport

/// argmap's JSON reader: a map or a located error; a map it gives is valid and saves; where
/// the fast path answers (from the text, or from the bytes as they stand in a file), the full
/// reader builds the same map.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSON(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = Checks.text(data, size)
    Checks.bytesPathAgrees(data, size, path: "fuzz.json")
    if let fast = ArgmapJSON.readFast(text) { Checks.sameAsFullJSONReader(fast, text) }
    do {
        let map = try ArgmapJSON.read(text)
        Checks.savesAndReadsBack(map, from: "the JSON reader")
        Checks.survivesJSON(map, from: "the JSON reader")
    } catch {
        Checks.located(error, in: text)
    }
    return 0
}
