/// Connects the scoring engine to a session (scores in the prompt, ls and tree).
public enum Scoring {
    public static func attach(to session: Session) {}
}
