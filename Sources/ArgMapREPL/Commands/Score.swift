extension Commands {
    /// The evaluation semantics argmap offers, by name.
    static let semanticsNames = ["dfquad", "quad", "euler", "qe", "mlp", "hcat", "grounded"]
}
