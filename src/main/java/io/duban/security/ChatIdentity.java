package io.duban.security;

/**
 * A work-chat identity bound to an account: the platform ({@code WECOM}, {@code DINGTALK}, {@code
 * FEISHU}), the organisation (WeCom CorpID, DingTalk corpId, Feishu tenant key) and the user's id
 * there (WeCom userid, DingTalk userid or unionId, Feishu open_id or user_id).
 */
public record ChatIdentity(String platform, String corpId, String userId) {}
