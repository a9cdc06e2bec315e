package casegrid.item;

/** The statuses of CONTRACT.md. */
public enum ItemStatus {
    REGISTERED, GRADING, RECTIFYING, PLANNING, RESOLVING, WHISTLE, MEETING_COMMUNITY, MEETING_STREET,
    MEETING_DISTRICT, CLOSURE_PENDING, CLOSED, MERGED, TRANSFERRED;

    public boolean isOpen() {
        return this != CLOSED && this != MERGED && this != TRANSFERRED;
    }
}
