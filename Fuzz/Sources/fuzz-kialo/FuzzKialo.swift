import ArgMapFormats
import FuzzSupport

/// The kialo importer: a map or a located error, never a crash or a hang; a map it gives is
/// valid and saves as an argument file that reads back.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzKialo(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = Checks.text(data, size)
    _ = KialoFormat.recognizes(text)
    do {
        let map = try KialoFormat.read(text).map
        Checks.savesAndReadsBack(map, from: "the kialo importer")
    } catch {
        Checks.located(error, in: text)
    }
    return 0
}
