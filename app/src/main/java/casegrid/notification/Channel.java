package casegrid.notification;

/** How a notification travels: to a person (e-mail, SMS) or to a unit's group robot (WeCom, DingTalk). */
public enum Channel {
    EMAIL, SMS, WECOM, DINGTALK
}
