import ArgMapFormats
import ArgMapModel
import FuzzSupport

/// The kialo importer: a map or a located error, never a crash or a hang; a map it gives is
/// valid and saves as an argument file that reads back.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzKialo(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    Checks.importer(data, size, name: "kialo", recognizes: KialoFormat.recognizes) { (text) throws(LoadFailure) in try KialoFormat.read(text) }
    return 0
}
