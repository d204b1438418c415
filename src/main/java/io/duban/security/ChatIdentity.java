package io.duban.security;

/**
 * Who a platform says signed in: the platform's key ({@code wecom}, {@code dingtalk}, {@code
 * feishu}), the corp or tenant the user belongs to (WeCom CorpID, DingTalk corpId, Feishu
 * tenant_key) and the user's id in it (WeCom userid, DingTalk userid, Feishu user_id).
 */
record ChatIdentity(String platform, String corpId, String userId) {}
