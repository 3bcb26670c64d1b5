import ArgMapFormats
import FuzzSupport

/// The aif importer: a map or a located error, never a crash or a hang; a map it gives is
/// valid and saves as an argument file that reads back.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAIF(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = Checks.text(data, size)
    _ = AIFFormat.recognizes(text)
    do {
        let map = try AIFFormat.read(text).map
        Checks.savesAndReadsBack(map, from: "the aif importer")
    } catch {
        Checks.located(error, in: text)
    }
    return 0
}
