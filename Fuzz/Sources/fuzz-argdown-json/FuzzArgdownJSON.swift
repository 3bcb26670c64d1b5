import ArgMapFormats
import FuzzSupport

/// The argdown-json importer: a map or a located error, never a crash or a hang; a map it gives is
/// valid and saves as an argument file that reads back.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzArgdownJSON(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = Checks.text(data, size)
    _ = ArgdownJSONFormat.recognizes(text)
    do {
        let map = try ArgdownJSONFormat.read(text).map
        Checks.savesAndReadsBack(map, from: "the argdown-json importer")
    } catch {
        Checks.located(error, in: text)
    }
    return 0
}
