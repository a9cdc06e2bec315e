package casegrid.notification;

import java.util.Set;

/** Delivers one message on its channels; throws when the far side did not accept it. */
public interface ChannelSender {

    Set<Channel> channels();

    void send(Channel channel, String address, String subject, String body) throws Exception;
}
