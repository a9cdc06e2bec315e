package casegrid.notification;

/**
 * The demo street's contact data: every demo account has an address under the reserved .invalid
 * domain (in the demo organisation file, casegrid/org/demo-organisation.xlsx), so a demo with a real
 * mail server configured still reaches nobody. No demo phone numbers: an invented number may belong
 * to somebody.
 */
final class DemoContacts {

    static final String DEMO_DOMAIN = "@demo.casegrid.invalid";

    private DemoContacts() {
    }
}
