import ArgMapFormats
import ArgMapModel
import FuzzSupport

/// The argdown-json importer: a map or a located error, never a crash or a hang; a map it gives is
/// valid and saves as an argument file that reads back.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzArgdownJSON(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    Checks.importer(data, size, name: "argdown-json", recognizes: ArgdownJSONFormat.recognizes) { (text) throws(LoadFailure) in try ArgdownJSONFormat.read(text) }
    return 0
}
