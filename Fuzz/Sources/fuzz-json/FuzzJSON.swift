import ArgMapFormats
import FuzzSupport

/// argmap's JSON reader: a map or a located error; a map it gives is valid and saves.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSON(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = Checks.text(data, size)
    do {
        let map = try ArgmapJSON.read(text)
        Checks.savesAndReadsBack(map, from: "the JSON reader")
        Checks.survivesJSON(map, from: "the JSON reader")
    } catch {
        Checks.located(error, in: text)
    }
    return 0
}
