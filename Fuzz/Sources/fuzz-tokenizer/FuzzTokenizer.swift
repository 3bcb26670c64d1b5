import ArgMapREPL
import FuzzSupport

/// The command-line tokenizer: words or a failure pointing inside the line; words come in
/// order, inside the line, and never overlap.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTokenizer(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let line = Checks.text(data, size)
    let count = line.count
    do {
        let words = try Tokenizer.split(line)
        var end = 0
        for word in words {
            if word.column < end || word.length < 0 || word.column + word.length > count {
                Checks.fail("word \(word) lies outside the line or overlaps the one before (line of \(count) characters)")
            }
            end = word.column + word.length
        }
    } catch {
        if error.column < 0 || error.column > count {
            Checks.fail("a failure points outside the line: column \(error.column) of \(count)")
        }
    }
    return 0
}
