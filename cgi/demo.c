/* demo.c: the demo company "星河科技 Xinghe Tech", a Shanghai software firm.
 *
 * The content is tables; one loop writes them through the store API.  Every
 * date is computed from `today`, so the demo looks current whenever it is
 * loaded: the quarter containing today is active, the one before is closed.
 * Rows refer to units and people by enum, and to KRs by "key.n" (the n-th KR
 * of the objective with that key, earlier in the same cycle's table). */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "demo.h"
#include "okr.h"
#include "store.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))
#define MAX_KRS		5
#define MAX_OBJS	32

enum { U_CO, U_RD, U_MKT, U_SALES, U_CS, U_PLAT, U_MOBILE, U_GROWTH, U_INTL,
	U__MAX };

/* Managers come before the people they manage: demo_load relies on it. */
enum { P_CHENMING, P_ADMIN, P_ZHANGWEI, P_YANGJING, P_GUOFENG, P_LUOTING,
	P_LINA, P_ZHAOLEI, P_WUMIN, P_DAVIDLIN, P_WANGFANG, P_LIUYANG, P_SUNLI,
	P_HUANGQIANG, P_XUTAO, P_ZHULIN, P_GAOPENG, P_SARAH, P_HEJUN,
	P_LIANGCHEN, P_SONGXUE, P__MAX };

/* Short names that keep the KR rows on one line each. */
enum { NUM = KR_NUMERIC, PCT = KR_PERCENT, MS = KR_MILESTONE,
	UP = DIR_INCREASE, DN = DIR_DECREASE, OWN = -1 };

struct demo_unit {
	signed char	 parent;	/* U_*, -1 for the company */
	signed char	 level, lead;	/* lead: P_* */
	signed char	 en;		/* writes its OKRs in English */
	const char	*name;
};

struct demo_person {
	signed char	 unit, role;
	const char	*name;
};

struct demo_kr {
	const char	*title, *label;	/* '@' in title becomes the due date */
	signed char	 kind, dir;
	signed char	 month, day;	/* due: month of the quarter (1-3), day (0: last) */
	double		 start, target;
	double		 reach;		/* share of the way done at the last check-in */
	double		 conf;		/* confidence at the last check-in */
	signed char	 weight, owner;	/* owner: P_*, or OWN: the objective's */
};

struct demo_obj {
	const char	*key;		/* for "key.n" references, or NULL */
	const char	*parent;	/* "key.n" of the KR it serves, or NULL */
	signed char	 level;
	signed char	 who;		/* U_* for a unit objective, P_* for a personal one */
	const char	*title, *desc;
	struct demo_kr	 kr[MAX_KRS];
};

const char *const demo_logins[P__MAX + 1] = {
	[P_CHENMING] = "chenming", [P_ADMIN] = "admin", [P_ZHANGWEI] = "zhangwei",
	[P_YANGJING] = "yangjing", [P_GUOFENG] = "guofeng", [P_LUOTING] = "luoting",
	[P_LINA] = "lina", [P_ZHAOLEI] = "zhaolei", [P_WUMIN] = "wumin",
	[P_DAVIDLIN] = "davidlin", [P_WANGFANG] = "wangfang",
	[P_LIUYANG] = "liuyang", [P_SUNLI] = "sunli", [P_HUANGQIANG] = "huangqiang",
	[P_XUTAO] = "xutao", [P_ZHULIN] = "zhulin", [P_GAOPENG] = "gaopeng",
	[P_SARAH] = "sarahmiller", [P_HEJUN] = "hejun",
	[P_LIANGCHEN] = "liangchen", [P_SONGXUE] = "songxue", [P__MAX] = NULL
};

/* Parents come before children: their ids are needed first. */
static const struct demo_unit units[U__MAX] = {
	[U_CO]     = { -1,      LEVEL_COMPANY,    P_CHENMING, 0, "星河科技 Xinghe Tech" },
	[U_RD]     = { U_CO,    LEVEL_DEPARTMENT, P_ZHANGWEI, 0, "研发部" },
	[U_MKT]    = { U_CO,    LEVEL_DEPARTMENT, P_YANGJING, 0, "市场部" },
	[U_SALES]  = { U_CO,    LEVEL_DEPARTMENT, P_GUOFENG,  0, "销售部" },
	[U_CS]     = { U_CO,    LEVEL_DEPARTMENT, P_LUOTING,  0, "客户成功部" },
	[U_PLAT]   = { U_RD,    LEVEL_TEAM,       P_LINA,     0, "平台组" },
	[U_MOBILE] = { U_RD,    LEVEL_TEAM,       P_ZHAOLEI,  0, "移动组" },
	[U_GROWTH] = { U_MKT,   LEVEL_TEAM,       P_WUMIN,    0, "增长组" },
	[U_INTL]   = { U_SALES, LEVEL_TEAM,       P_DAVIDLIN, 1, "International Sales" },
};

static const struct demo_person people[P__MAX] = {
	[P_CHENMING]   = { U_CO,     ROLE_LEAD,   "陈明" },
	[P_ADMIN]      = { U_CO,     ROLE_ADMIN,  "周怡" },
	[P_ZHANGWEI]   = { U_RD,     ROLE_LEAD,   "张伟" },
	[P_YANGJING]   = { U_MKT,    ROLE_LEAD,   "杨静" },
	[P_GUOFENG]    = { U_SALES,  ROLE_LEAD,   "郭峰" },
	[P_LUOTING]    = { U_CS,     ROLE_LEAD,   "罗婷" },
	[P_LINA]       = { U_PLAT,   ROLE_LEAD,   "李娜" },
	[P_ZHAOLEI]    = { U_MOBILE, ROLE_LEAD,   "赵磊" },
	[P_WUMIN]      = { U_GROWTH, ROLE_LEAD,   "吴敏" },
	[P_DAVIDLIN]   = { U_INTL,   ROLE_LEAD,   "David Lin" },
	[P_WANGFANG]   = { U_PLAT,   ROLE_MEMBER, "王芳" },
	[P_LIUYANG]    = { U_PLAT,   ROLE_MEMBER, "刘洋" },
	[P_SUNLI]      = { U_MOBILE, ROLE_MEMBER, "孙丽" },
	[P_HUANGQIANG] = { U_MOBILE, ROLE_MEMBER, "黄强" },
	[P_XUTAO]      = { U_GROWTH, ROLE_MEMBER, "徐涛" },
	[P_ZHULIN]     = { U_MKT,    ROLE_MEMBER, "朱琳" },
	[P_GAOPENG]    = { U_SALES,  ROLE_MEMBER, "高鹏" },
	[P_SARAH]      = { U_INTL,   ROLE_MEMBER, "Sarah Miller" },
	[P_HEJUN]      = { U_INTL,   ROLE_MEMBER, "何俊" },
	[P_LIANGCHEN]  = { U_CS,     ROLE_MEMBER, "梁晨" },
	[P_SONGXUE]    = { U_CS,     ROLE_MEMBER, "宋雪" },
};

/* The active quarter.  Departments carry the company KRs they serve (the
 * method's action meeting); scores span red, yellow and green. */
static const struct demo_obj active_okrs[] = {
{ "c1", NULL, LEVEL_COMPANY, U_CO, "让星河云成为华东中型企业的首选协作平台",
  "战略第一年：先在华东站稳，再走向全国和海外。", {
	{ "@前付费客户从 860 家增长到 1,200 家", "家", NUM, UP, 3, 0, 860, 1200, .55, .6, 2, P_GUOFENG },
	{ "@前新签年度合同额达到 1,500 万元", "万元", NUM, UP, 3, 0, 0, 1500, .48, .5, 1, P_GUOFENG },
	{ "@前海外付费客户从 35 家增长到 60 家", "家", NUM, UP, 3, 15, 35, 60, .44, .45, 1, P_GUOFENG } } },
{ "c2", NULL, LEVEL_COMPANY, U_CO, "交付让客户放心托付的稳定产品",
  "客户把业务放在星河云上，稳定性就是续约的前提。", {
	{ "@前核心服务可用性从 99.5% 提升到 99.95%", "%", PCT, UP, 3, 0, 99.5, 99.95, .67, .7, 1, P_ZHANGWEI },
	{ "@前 P1 故障平均响应时间从 4 小时缩短到 1 小时", "h", NUM, DN, 3, 15, 4, 1, .67, .6, 1, P_LUOTING },
	{ "@前上线新版计费系统，支持按席位和按用量计费", "", MS, UP, 2, 0, 0, 1, 1, .9, 1, P_ZHANGWEI } } },
{ "c3", NULL, LEVEL_COMPANY, U_CO, "让每一位客户都愿意续约、乐于推荐",
  "获客越来越贵，留住老客户是最划算的增长。", {
	{ "@前客户月流失率从 2.5% 降到 1.2%", "%", PCT, DN, 3, 0, 2.5, 1.2, .3, .35, 1, P_LUOTING },
	{ "@前客户 NPS 从 32 提升到 45", "", NUM, UP, 3, 0, 32, 45, .62, .6, 1, P_LUOTING },
	{ "@前年度合同续约率从 85% 提升到 92%", "%", PCT, UP, 3, 0, 85, 92, .71, .75, 1, P_LUOTING } } },
{ "rd", "c2.1", LEVEL_DEPARTMENT, U_RD, "打造稳如磐石的平台，让研发跑得更快",
  "承接公司的可用性和计费系统两项 KR，同时加快交付节奏。", {
	{ "@前核心服务可用性从 99.5% 提升到 99.95%", "%", PCT, UP, 3, 0, 99.5, 99.95, .67, .7, 2, P_LINA },
	{ "@前上线新版计费系统，支持按席位和按用量计费", "", MS, UP, 2, 0, 0, 1, 1, .9, 1, OWN },
	{ "@前版本发布周期从 14 天缩短到 7 天", "天", NUM, DN, 3, 0, 14, 7, .43, .5, 1, OWN },
	{ "@前移动端崩溃率从 0.8% 降到 0.2%", "%", PCT, DN, 3, 0, .8, .2, .5, .55, 1, P_ZHAOLEI } } },
{ "mkt", "c1.1", LEVEL_DEPARTMENT, U_MKT, "让更多华东中型企业认识并试用星河云",
  "为公司的付费客户目标输送足够多的优质线索。", {
	{ "@前获取合格销售线索（MQL）3,000 条", "条", NUM, UP, 3, 0, 0, 3000, .58, .6, 1, OWN },
	{ "@前官网试用注册转化率从 2.0% 提升到 3.5%", "%", PCT, UP, 3, 0, 2, 3.5, .47, .5, 1, P_WUMIN },
	{ "@前举办 4 场行业沙龙，参会企业累计 200 家", "家", NUM, UP, 3, 10, 0, 200, .75, .8, 1, P_ZHULIN } } },
{ "sales", "c1.1", LEVEL_DEPARTMENT, U_SALES, "拿下华东中型企业市场，推开海外第一扇门",
  "承接公司的付费客户、合同额和海外客户三项 KR。", {
	{ "@前付费客户从 860 家增长到 1,200 家", "家", NUM, UP, 3, 0, 860, 1200, .55, .6, 1, OWN },
	{ "@前新签年度合同额达到 1,500 万元", "万元", NUM, UP, 3, 0, 0, 1500, .48, .5, 2, OWN },
	{ "@前平均成交周期从 45 天缩短到 30 天", "天", NUM, DN, 3, 0, 45, 30, .33, .4, 1, P_GAOPENG },
	{ "@前海外付费客户从 35 家增长到 60 家", "家", NUM, UP, 3, 15, 35, 60, .44, .45, 1, P_DAVIDLIN } } },
{ "cs", "c3.1", LEVEL_DEPARTMENT, U_CS, "让客户用得好、留得住、愿意推荐",
  "承接公司的流失率、续约率和 P1 响应三项 KR。", {
	{ "@前客户月流失率从 2.5% 降到 1.2%", "%", PCT, DN, 3, 0, 2.5, 1.2, .3, .35, 1, OWN },
	{ "@前年度合同续约率从 85% 提升到 92%", "%", PCT, UP, 3, 0, 85, 92, .71, .75, 1, OWN },
	{ "@前 P1 故障平均响应时间从 4 小时缩短到 1 小时", "h", NUM, DN, 3, 15, 4, 1, .67, .6, 1, P_SONGXUE },
	{ "@前完成 150 家重点客户的季度业务回顾", "家", NUM, UP, 3, 20, 0, 150, .6, .65, 1, P_LIANGCHEN } } },
{ "plat", "rd.1", LEVEL_TEAM, U_PLAT, "让平台稳定到没人想起它",
  "可用性 KR 的底座：故障转移、恢复和监控。", {
	{ "@前完成数据库自动故障转移，切换时间不超过 5 分钟", "", MS, UP, 2, 20, 0, 1, 0, .45, 1, OWN },
	{ "@前 P1 故障平均恢复时间从 90 分钟缩短到 30 分钟", "分钟", NUM, DN, 3, 0, 90, 30, .5, .55, 1, OWN },
	{ "@前将 80% 的线上服务接入统一监控告警", "%", PCT, UP, 3, 0, 35, 80, .8, .8, 1, P_LIUYANG } } },
{ "mob", "rd.4", LEVEL_TEAM, U_MOBILE, "让移动端又快又稳", "5.0 版本的主题：快和稳。", {
	{ "@前 App 崩溃率从 0.8% 降到 0.2%", "%", PCT, DN, 3, 0, .8, .2, .5, .55, 1, OWN },
	{ "@前冷启动时间从 3.2 秒缩短到 1.5 秒", "秒", NUM, DN, 3, 0, 3.2, 1.5, .65, .7, 1, P_SUNLI },
	{ "@前发布 5.0 版本，应用商店评分从 4.1 提升到 4.6", "分", NUM, UP, 3, 10, 4.1, 4.6, .6, .6, 1, OWN } } },
{ "grow", "mkt.2", LEVEL_TEAM, U_GROWTH, "让每一位访客都更容易开始试用", NULL, {
	{ "@前官网试用注册转化率从 2.0% 提升到 3.5%", "%", PCT, UP, 3, 0, 2, 3.5, .47, .5, 1, OWN },
	{ "@前上线 3 套行业落地页，完成 12 组 A/B 测试", "组", NUM, UP, 3, 0, 0, 12, .75, .75, 1, P_XUTAO },
	{ "@前内容渠道月访问量从 8 万提升到 15 万", "万次", NUM, UP, 3, 0, 8, 15, .35, .4, 1, OWN } } },
{ "intl", "sales.4", LEVEL_TEAM, U_INTL, "Win our first wave of customers in Southeast Asia",
  "Carries Sales' overseas-customer KR: Singapore first, Malaysia next.", {
	{ "Grow paying overseas customers from 35 to 60 by @", "customers", NUM, UP, 3, 15, 35, 60, .44, .45, 1, OWN },
	{ "Sign 3 reseller partners in Singapore and Malaysia by @", "partners", NUM, UP, 3, 0, 0, 3, .67, .65, 1, P_HEJUN },
	{ "Cut average quote turnaround from 5 days to 2 days by @", "days", NUM, DN, 2, 28, 5, 2, .67, .7, 1, P_SARAH },
	{ "Launch the English product site and USD pricing page by @", "", MS, UP, 1, 0, 0, 1, 1, .9, 1, OWN } } },
{ NULL, "plat.1", LEVEL_PERSONAL, P_WANGFANG, "让数据库故障转移真正自动化", NULL, {
	{ "@前完成 MySQL 主从自动切换方案评审", "", MS, UP, 1, 0, 0, 1, 1, .9, 1, OWN },
	{ "@前完成 3 次故障切换演练", "次", NUM, UP, 2, 20, 0, 3, .33, .4, 1, OWN },
	{ "@前自动故障转移时间从 20 分钟缩短到 5 分钟", "分钟", NUM, DN, 2, 20, 20, 5, .47, .45, 1, OWN } } },
{ NULL, "plat.3", LEVEL_PERSONAL, P_LIUYANG, "把监控告警做成大家愿意用的工具", NULL, {
	{ "@前完成 40 个核心服务的监控接入", "个", NUM, UP, 3, 0, 0, 40, .85, .85, 1, OWN },
	{ "@前告警误报率从 30% 降到 10%", "%", PCT, DN, 3, 0, 30, 10, .55, .6, 1, OWN } } },
{ NULL, "mob.2", LEVEL_PERSONAL, P_SUNLI, "让 App 一打开就能用", NULL, {
	{ "@前 Android 冷启动时间从 3.5 秒缩短到 1.8 秒", "秒", NUM, DN, 3, 0, 3.5, 1.8, .59, .6, 1, OWN },
	{ "@前完成首页渲染改造并灰度到 50% 用户", "", MS, UP, 2, 15, 0, 1, 0, .5, 1, OWN } } },
{ NULL, "mob.1", LEVEL_PERSONAL, P_HUANGQIANG, "把 iOS 崩溃率压下去", NULL, {
	{ "@前 iOS 崩溃率从 0.9% 降到 0.2%", "%", PCT, DN, 3, 0, .9, .2, .57, .6, 1, OWN },
	{ "@前修复崩溃排行榜前 20 的问题", "个", NUM, UP, 2, 28, 0, 20, .75, .8, 1, OWN } } },
{ NULL, "grow.2", LEVEL_PERSONAL, P_XUTAO, "用实验找到转化更好的落地页", NULL, {
	{ "@前完成 8 组落地页 A/B 测试", "组", NUM, UP, 3, 0, 0, 8, .75, .75, 1, OWN },
	{ "@前制造业落地页转化率从 1.8% 提升到 3.0%", "%", PCT, UP, 3, 0, 1.8, 3, .5, .5, 1, OWN } } },
{ NULL, "mkt.3", LEVEL_PERSONAL, P_ZHULIN, "办好每一场行业沙龙", NULL, {
	{ "@前在上海、杭州、苏州、南京各办 1 场行业沙龙", "场", NUM, UP, 3, 10, 0, 4, .5, .6, 1, OWN },
	{ "@前沙龙参会企业累计达到 200 家", "家", NUM, UP, 3, 10, 0, 200, .75, .8, 1, OWN },
	{ "@前由沙龙转化试用企业 40 家", "家", NUM, UP, 3, 20, 0, 40, .3, .35, 1, OWN } } },
{ NULL, "sales.2", LEVEL_PERSONAL, P_GAOPENG, "拿下华东制造业大客户", NULL, {
	{ "@前签约 5 家年费 50 万元以上的大客户", "家", NUM, UP, 3, 0, 0, 5, .6, .55, 1, OWN },
	{ "@前个人新签合同额达到 400 万元", "万元", NUM, UP, 3, 0, 0, 400, .45, .5, 2, OWN } } },
{ NULL, "intl.1", LEVEL_PERSONAL, P_SARAH, "Open up the Singapore market", NULL, {
	{ "Close 12 new paying customers in Singapore by @", "customers", NUM, UP, 3, 15, 0, 12, .5, .55, 1, OWN },
	{ "Run 20 product demos with qualified prospects by @", "demos", NUM, UP, 2, 28, 0, 20, .75, .8, 1, OWN } } },
{ NULL, "intl.2", LEVEL_PERSONAL, P_HEJUN, "Build a reseller channel in Malaysia", NULL, {
	{ "Sign 2 reseller partners in Kuala Lumpur by @", "partners", NUM, UP, 3, 0, 0, 2, .5, .5, 1, OWN },
	{ "Train 10 partner sales reps on Xinghe Cloud by @", "reps", NUM, UP, 3, 15, 0, 10, .3, .35, 1, OWN } } },
{ NULL, "cs.1", LEVEL_PERSONAL, P_LIANGCHEN, "把流失挡在门外", NULL, {
	{ "@前完成 60 家高风险客户的健康度回访", "家", NUM, UP, 2, 28, 0, 60, .7, .75, 1, OWN },
	{ "@前所负责客户的月流失率从 3.0% 降到 1.5%", "%", PCT, DN, 3, 0, 3, 1.5, .33, .4, 1, OWN } } },
{ NULL, "cs.3", LEVEL_PERSONAL, P_SONGXUE, "让客户的紧急问题一小时内有人管", NULL, {
	{ "@前 P1 工单平均响应时间从 4 小时缩短到 1 小时", "h", NUM, DN, 3, 15, 4, 1, .67, .6, 1, OWN },
	{ "@前上线 7×24 值班排班，覆盖全部 P1 工单", "", MS, UP, 1, 0, 0, 1, 1, .95, 1, OWN },
	{ "@前发布 30 篇常见问题自助文章", "篇", NUM, UP, 3, 0, 0, 30, .9, .9, 1, OWN } } },
};

/* The closed quarter: final scores mostly 0.6-0.7, where the method wants
 * them; the overseas-customer KR overshot to 1.0, a target set too low.
 * Where it ended is where the active quarter's KRs start. */
static const struct demo_obj closed_okrs[] = {
{ "c1", NULL, LEVEL_COMPANY, U_CO, "验证中型企业市场，跑通增长引擎",
  "用一个季度证明：中型企业愿意为星河云付费，而且我们找得到他们。", {
	{ "@前付费客户从 620 家增长到 1,000 家", "家", NUM, UP, 3, 0, 620, 1000, .632, .6, 2, P_GUOFENG },
	{ "@前新签年度合同额达到 1,200 万元", "万元", NUM, UP, 3, 0, 0, 1200, .68, .65, 1, P_GUOFENG },
	{ "@前海外付费客户从 12 家增长到 30 家", "家", NUM, UP, 3, 0, 12, 30, 1.28, .95, 1, P_GUOFENG } } },
{ "c2", NULL, LEVEL_COMPANY, U_CO, "夯实平台，让稳定性不再拖后腿",
  "两次重大故障影响了续约，这个季度先把地基打牢。", {
	{ "@前核心服务可用性从 99.0% 提升到 99.8%", "%", PCT, UP, 3, 0, 99, 99.8, .625, .6, 1, P_ZHANGWEI },
	{ "@前 P1 故障平均响应时间从 6 小时缩短到 3 小时", "h", NUM, DN, 3, 0, 6, 3, .667, .6, 1, P_LUOTING },
	{ "@前客户月流失率从 3.5% 降到 2.0%", "%", PCT, DN, 3, 0, 3.5, 2, .667, .6, 1, P_LUOTING } } },
{ "rd", "c2.1", LEVEL_DEPARTMENT, U_RD, "把稳定性当作第一功能",
  "承接公司的可用性和 P1 响应两项 KR，并为新版计费系统做好准备。", {
	{ "@前核心服务可用性从 99.0% 提升到 99.8%", "%", PCT, UP, 3, 0, 99, 99.8, .625, .6, 2, P_LINA },
	{ "@前 P1 故障平均响应时间从 6 小时缩短到 3 小时", "h", NUM, DN, 3, 0, 6, 3, .667, .6, 1, OWN },
	{ "@前完成计费系统重构的技术方案评审", "", MS, UP, 2, 15, 0, 1, 1, .9, 1, OWN },
	{ "@前单元测试覆盖率从 45% 提升到 70%", "%", PCT, UP, 3, 0, 45, 70, .64, .6, 1, OWN } } },
{ "mkt", "c1.1", LEVEL_DEPARTMENT, U_MKT, "打响星河云在华东的品牌",
  "为公司的付费客户目标提供线索和品牌声量。", {
	{ "@前获取合格销售线索（MQL）2,000 条", "条", NUM, UP, 3, 0, 0, 2000, .68, .7, 1, OWN },
	{ "@前官网月访问量从 5 万提升到 10 万", "万次", NUM, UP, 3, 0, 5, 10, .6, .6, 1, P_WUMIN } } },
{ "sales", "c1.1", LEVEL_DEPARTMENT, U_SALES, "跑通中型企业的销售打法",
  "承接公司的付费客户、合同额和海外客户三项 KR。", {
	{ "@前付费客户从 620 家增长到 1,000 家", "家", NUM, UP, 3, 0, 620, 1000, .632, .6, 1, OWN },
	{ "@前新签年度合同额达到 1,200 万元", "万元", NUM, UP, 3, 0, 0, 1200, .68, .65, 2, OWN },
	{ "@前海外付费客户从 12 家增长到 30 家", "家", NUM, UP, 3, 0, 12, 30, 1.28, .95, 1, P_DAVIDLIN },
	{ "@前完成 30 名销售的标准打法培训", "人", NUM, UP, 2, 28, 0, 30, .667, .7, 1, OWN } } },
{ "cs", "c2.3", LEVEL_DEPARTMENT, U_CS, "建立客户成功体系，把流失率降下来",
  "承接公司的流失率 KR，并建立回访和 NPS 机制。", {
	{ "@前客户月流失率从 3.5% 降到 2.0%", "%", PCT, DN, 3, 0, 3.5, 2, .667, .6, 1, OWN },
	{ "@前年度合同续约率从 80% 提升到 88%", "%", PCT, UP, 3, 0, 80, 88, .625, .6, 1, OWN },
	{ "@前客户 NPS 从 25 提升到 35", "", NUM, UP, 3, 0, 25, 35, .7, .7, 1, P_SONGXUE } } },
{ "plat", "rd.1", LEVEL_TEAM, U_PLAT, "搭好可观测性的地基", NULL, {
	{ "@前将 60% 的线上服务接入统一监控", "%", PCT, UP, 3, 0, 10, 60, .5, .5, 1, P_LIUYANG },
	{ "@前完成日志平台迁移到新集群", "", MS, UP, 3, 0, 0, 1, 0, .3, 1, OWN },
	{ "@前 P1 故障平均恢复时间从 150 分钟缩短到 60 分钟", "分钟", NUM, DN, 3, 0, 150, 60, .667, .65, 1, OWN } } },
{ "mob", "rd.4", LEVEL_TEAM, U_MOBILE, "提升移动端质量", NULL, {
	{ "@前移动端单元测试覆盖率从 30% 提升到 60%", "%", PCT, UP, 3, 0, 30, 60, .667, .65, 1, OWN },
	{ "@前 App 崩溃率从 1.5% 降到 0.5%", "%", PCT, DN, 3, 0, 1.5, .5, .7, .7, 1, P_HUANGQIANG } } },
{ "intl", "sales.3", LEVEL_TEAM, U_INTL, "Land our first overseas customers",
  "Carries Sales' overseas-customer KR.", {
	{ "Grow paying overseas customers from 12 to 30 by @", "customers", NUM, UP, 3, 0, 12, 30, 1.28, .95, 1, OWN },
	{ "Hire and onboard 2 account executives in Singapore by @", "hires", NUM, UP, 3, 0, 0, 2, .5, .5, 1, OWN },
	{ "Localise the sales deck and contract templates into English by @", "", MS, UP, 2, 0, 0, 1, 1, .9, 1, P_HEJUN } } },
{ NULL, "plat.2", LEVEL_PERSONAL, P_WANGFANG, "把日志平台迁移到新集群", NULL, {
	{ "@前完成 30 个服务的日志接入", "个", NUM, UP, 3, 0, 0, 30, .667, .6, 1, OWN },
	{ "@前日志查询 P95 延迟从 8 秒降到 2 秒", "秒", NUM, DN, 3, 0, 8, 2, .667, .6, 1, OWN } } },
{ NULL, "mob.2", LEVEL_PERSONAL, P_HUANGQIANG, "降低 Android 崩溃率", NULL, {
	{ "@前 Android 崩溃率从 1.8% 降到 0.6%", "%", PCT, DN, 3, 0, 1.8, .6, .667, .65, 1, OWN },
	{ "@前接入崩溃自动上报并每日推送报表", "", MS, UP, 1, 0, 0, 1, 1, .9, 1, OWN } } },
{ NULL, "mkt.2", LEVEL_PERSONAL, P_XUTAO, "用内容把流量带进来", NULL, {
	{ "@前发布 24 篇行业案例文章", "篇", NUM, UP, 3, 0, 0, 24, .667, .65, 1, OWN },
	{ "@前内容渠道带来试用注册 600 个", "个", NUM, UP, 3, 0, 0, 600, .633, .6, 1, OWN } } },
{ NULL, "intl.1", LEVEL_PERSONAL, P_SARAH, "Win our first customers in Singapore", NULL, {
	{ "Close 10 paying customers in Singapore by @", "customers", NUM, UP, 3, 0, 0, 10, .7, .7, 1, OWN },
	{ "Book 40 discovery calls with qualified prospects by @", "calls", NUM, UP, 3, 0, 0, 40, .65, .65, 1, OWN } } },
{ NULL, "sales.1", LEVEL_PERSONAL, P_GAOPENG, "打开华东制造业客户的大门", NULL, {
	{ "@前新签制造业付费客户 25 家", "家", NUM, UP, 3, 0, 0, 25, .64, .6, 1, OWN },
	{ "@前完成 60 次客户现场拜访", "次", NUM, UP, 3, 0, 0, 60, .75, .75, 1, OWN } } },
{ NULL, "cs.3", LEVEL_PERSONAL, P_SONGXUE, "让客户愿意推荐我们", NULL, {
	{ "@前完成 80 家客户的满意度回访", "家", NUM, UP, 3, 0, 0, 80, .65, .65, 1, OWN },
	{ "@前工单一次解决率从 70% 提升到 85%", "%", PCT, UP, 3, 0, 70, 85, .6, .6, 1, OWN } } },
};

/* Check-in notes by language, then on track (0) or at risk (1). */
static const char *const notes[2][2][5] = {
	{ { "按计划推进，本周没有阻塞", "完成了本周的关键事项，进度符合预期",
	    "和相关团队对齐了排期", "进展顺利，继续保持",
	    "月度会议复盘后调整了打法，效果不错" },
	  { "进度落后于计划，正在排查原因", "依赖方排期延后，已升级协调",
	    "本周投入不足，下周补上", "效果不及预期，准备调整方案",
	    "资源紧张，需要在周会上讨论取舍" } },
	{ { "On track, no blockers this week", "Hit this week's key items",
	    "Aligned timelines with the partner team", "Good progress, keep going",
	    "Pipeline review done, two deals moved forward" },
	  { "Behind plan, digging into the cause", "Waiting on legal review, escalated",
	    "Low bandwidth this week, catching up next week",
	    "Results below target, adjusting the approach",
	    "Need a trade-off call at the weekly sync" } },
};

struct ctx {
	struct store	*st;
	int32_t		 today;
	int		 seq;		/* KRs written so far: varies the rhythm */
	uint32_t	 uid[U__MAX], pid[P__MAX];	/* ids the store gave */
};

/* Days since 1970-01-01 of a civil date (H. Hinnant's algorithm); a month
 * past 12 rolls into the next year. */
static int32_t
ymd(int y, int m, int d)
{
	int era;
	unsigned yoe, doy, doe;

	y += (m - 1) / 12;
	m = (m - 1) % 12 + 1;
	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (unsigned)((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1);
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (int32_t)(era * 146097 + (int)doe - 719468);
}

/* The civil date of a day number; the inverse of ymd(). */
static void
civil(int32_t day, int *y, int *m, int *d)
{
	int32_t z = day + 719468;
	int32_t era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;

	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)yoe + (int)era * 400 + (*m <= 2);
}

/* Fills c with the calendar quarter containing day, `back` quarters
 * earlier; Q1 goes back to the previous year's Q4.  name holds c->name. */
static void
quarter(int32_t day, int back, struct cycle *c, char name[32])
{
	int y, m, d, q;

	civil(day, &y, &m, &d);
	for (q = (m - 1) / 3 - back; q < 0; q += 4)
		y--;
	c->start = ymd(y, 3 * q + 1, 1);
	c->end = ymd(y, 3 * q + 4, 1) - 1;
	snprintf(name, 32, "%d-Q%d", y, q + 1);
	c->name = name;
}

/* Day `day` (0: the last) of month `month` (1-3) of the quarter that
 * starts on `start`. */
static int32_t
due_day(int32_t start, int month, int day)
{
	int y, m, d;

	civil(start, &y, &m, &d);
	m += month - 1;
	return day ? ymd(y, m, day) : ymd(y, m + 1, 1) - 1;
}

/* Replaces the '@' of a title with the date as the team writes it:
 * "11月30日" or "Nov 30". */
static void
title_with_date(char *buf, size_t sz, const char *tmpl, int32_t day, int en)
{
	static const char *const mon[12] = { "Jan", "Feb", "Mar", "Apr", "May",
	    "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	const char *at = strchr(tmpl, '@');
	char date[32];
	int y, m, d;

	civil(day, &y, &m, &d);
	if (en)
		snprintf(date, sizeof date, "%s %d", mon[m - 1], d);
	else
		snprintf(date, sizeof date, "%d月%d日", m, d);
	if (at == NULL)
		snprintf(buf, sz, "%s", tmpl);
	else
		snprintf(buf, sz, "%.*s%s%s", (int)(at - tmpl), tmpl, date, at + 1);
}

/* v rounded to the nearest 1/q (no libm needed). */
static double
roundto(double v, double q)
{
	double x = v * q;

	return (double)(long long)(x + (x < 0 ? -0.5 : 0.5)) / q;
}

/* v rounded as a person would type it for a KR spanning `range`. */
static double
tidy(double v, double range)
{
	if (range < 0)
		range = -range;
	return roundto(v, range >= 10 ? 1 : range >= 1 ? 10 : 100);
}

/* Weekly check-ins on Fridays, the latest on or before min(today, end),
 * none before `from` but always at least one; values climb from the KR's
 * start to where the row says it stands, confidence from 0.5 to the row's. */
static int
add_checkins(struct ctx *cx, const struct kr *k, const struct demo_kr *r,
    int32_t from, int32_t end, int en)
{
	struct checkin c;
	int32_t last = cx->today < end ? cx->today : end, fri;
	double goal, t, span = r->target - r->start;
	int i, n, avail, rc;

	fri = last - ((last - 1) % 7 + 7) % 7;	/* 1970-01-02 was a Friday */
	if (fri >= from)
		last = fri;
	avail = (last - from) / 7 + 1;
	n = 3 + cx->seq % 6;
	if (n > avail)
		n = avail;
	if (r->kind == KR_MILESTONE)
		goal = r->reach >= 1 ? 1 : 0;
	else
		goal = tidy(r->start + r->reach * span, span);
	for (i = 1; i <= n; i++) {
		t = (double)i / n;
		memset(&c, 0, sizeof c);
		c.kr = k->id;
		c.author = k->owner;
		c.at = (int64_t)(last - 7 * (n - i)) * 86400 +
		    (9 + cx->seq % 8) * 3600 + (cx->seq * 7 + i * 13) % 60 * 60;
		if (i == n)
			c.value = goal;
		else if (r->kind == KR_MILESTONE)
			c.value = 0;
		else	/* a slow start, as real progress has */
			c.value = tidy(r->start + (goal - r->start) * t *
			    (0.7 + 0.3 * t), span);
		c.confidence = roundto(0.5 + (r->conf - 0.5) * t, 20);
		c.note = (char *)notes[en][c.confidence < 0.5][(cx->seq + i) % 5];
		if ((rc = store_checkins_add(cx->st, STORE_SYSTEM, &c, 1)) != STORE_OK)
			return rc;
	}
	return STORE_OK;
}

/* The id of the KR "key.n" among the first i rows of t, or 0. */
static uint32_t
parent_kr(const struct demo_obj *t, size_t i, const char *ref,
    uint32_t krid[][MAX_KRS])
{
	const char *dot = strchr(ref, '.');
	size_t j, len;

	if (dot == NULL || dot[1] < '1' || dot[1] > '0' + MAX_KRS)
		return 0;
	len = (size_t)(dot - ref);
	for (j = 0; j < i; j++)
		if (t[j].key && strlen(t[j].key) == len &&
		    strncmp(t[j].key, ref, len) == 0)
			return krid[j][dot[1] - '1'];
	return 0;
}

/* Writes one cycle's objectives, their KRs and check-ins.  A table that
 * refers to a KR not yet written gives STORE_INVALID. */
static int
load_cycle(struct ctx *cx, const struct cycle *cy, const struct demo_obj *t,
    size_t n)
{
	uint32_t krid[MAX_OBJS][MAX_KRS];
	struct objective o;
	struct kr k;
	char title[512];
	const struct demo_obj *r;
	const struct demo_kr *kr;
	int32_t from;
	size_t i, j;
	int ui, en, rc;

	if (n > MAX_OBJS)
		return STORE_INVALID;
	memset(krid, 0, sizeof krid);
	for (i = 0; i < n; i++) {
		r = &t[i];
		ui = r->level == LEVEL_PERSONAL ? people[r->who].unit : r->who;
		en = units[ui].en;
		/* Set top-down as the method orders it, a day per level. */
		from = cy->start + r->level;
		if (from > cx->today)
			from = cx->today;

		memset(&o, 0, sizeof o);
		o.cycle = cy->id;
		o.unit = cx->uid[ui];
		o.owner = cx->pid[r->level == LEVEL_PERSONAL ? r->who :
		    units[ui].lead];
		if (r->parent != NULL &&
		    (o.parent_kr = parent_kr(t, i, r->parent, krid)) == 0)
			return STORE_INVALID;
		o.level = r->level;
		/* Company and department OKRs come out of consensus meetings. */
		o.state = r->level <= LEVEL_DEPARTMENT ? OBJ_AGREED : OBJ_ACTIVE;
		o.created_by = o.updated_by = o.owner;
		o.created_at = o.updated_at =
		    (int64_t)from * 86400 + 8 * 3600 + (int64_t)i * 60;
		o.title = (char *)r->title;
		o.description = (char *)(r->desc ? r->desc : "");
		if ((rc = store_objective_put(cx->st, STORE_SYSTEM, &o)) != STORE_OK)
			return rc;

		for (j = 0; j < MAX_KRS && r->kr[j].title != NULL; j++) {
			kr = &r->kr[j];
			memset(&k, 0, sizeof k);
			k.objective = o.id;
			k.owner = kr->owner == OWN ? o.owner : cx->pid[kr->owner];
			k.kind = kr->kind;
			k.direction = kr->dir;
			k.due = due_day(cy->start, kr->month, kr->day);
			if (k.due > cy->end)
				k.due = cy->end;
			k.start = k.current = kr->start;
			k.target = kr->target;
			k.weight = kr->weight;
			k.confidence = 0.5;
			k.updated_at = o.created_at;
			title_with_date(title, sizeof title, kr->title, k.due, en);
			k.title = title;
			k.unit_label = (char *)kr->label;
			if ((rc = store_kr_put(cx->st, STORE_SYSTEM, &k)) != STORE_OK)
				return rc;
			krid[i][j] = k.id;
			rc = add_checkins(cx, &k, kr, from, cy->end, en);
			if (rc != STORE_OK)
				return rc;
			cx->seq++;
		}
	}
	return STORE_OK;
}

/* A person's manager: the lead of their unit, or for the lead, the lead
 * of the unit above (-1 for the head of the company). */
static int
manager_of(int p)
{
	int u = people[p].unit;

	if (units[u].lead != p)
		return units[u].lead;
	return units[u].parent < 0 ? -1 : units[units[u].parent].lead;
}

int
demo_load(struct store *st, int32_t today)
{
	struct ctx cx;
	struct unit u[U__MAX];
	struct person p;
	struct cycle cy;
	char name[32];
	size_t count;
	int i, mgr, back, rc;

	memset(&cx, 0, sizeof cx);
	cx.st = st;
	cx.today = today;
	/* A second company beside a real one would only confuse. */
	if ((rc = store_count(st, REC_UNIT, &count)) != STORE_OK)
		return rc;
	if (count != 0)
		return STORE_INVALID;

	/* Units need people as leads and people need units: write units
	 * without leads, then people, then the leads. */
	for (i = 0; i < U__MAX; i++) {
		memset(&u[i], 0, sizeof u[i]);
		u[i].parent = units[i].parent < 0 ? 0 : cx.uid[units[i].parent];
		u[i].level = units[i].level;
		u[i].name = (char *)units[i].name;
		if ((rc = store_unit_put(st, STORE_SYSTEM, &u[i])) != STORE_OK)
			return rc;
		cx.uid[i] = u[i].id;
	}
	for (i = 0; i < P__MAX; i++) {
		if ((mgr = manager_of(i)) >= i)
			return STORE_INVALID;	/* table out of order */
		memset(&p, 0, sizeof p);
		p.unit = cx.uid[people[i].unit];
		p.manager = mgr < 0 ? 0 : cx.pid[mgr];
		p.role = people[i].role;
		p.login = (char *)demo_logins[i];
		p.name = (char *)people[i].name;
		if ((rc = store_person_put(st, STORE_SYSTEM, &p)) != STORE_OK)
			return rc;
		cx.pid[i] = p.id;
	}
	for (i = 0; i < U__MAX; i++) {
		u[i].lead = cx.pid[units[i].lead];
		if ((rc = store_unit_put(st, STORE_SYSTEM, &u[i])) != STORE_OK)
			return rc;
	}

	for (back = 1; back >= 0; back--) {
		memset(&cy, 0, sizeof cy);
		quarter(today, back, &cy, name);
		cy.state = back ? CYCLE_CLOSED : CYCLE_ACTIVE;
		if ((rc = store_cycle_put(st, STORE_SYSTEM, &cy)) != STORE_OK)
			return rc;
		if (back)
			rc = load_cycle(&cx, &cy, closed_okrs, NELEM(closed_okrs));
		else
			rc = load_cycle(&cx, &cy, active_okrs, NELEM(active_okrs));
		if (rc != STORE_OK)
			return rc;
	}
	return STORE_OK;
}

/* ------------------------------------------------ a synthetic company
 *
 * For measuring at scale (make bench-scale).  The records near the pages
 * the bench reads have the same shape at any size: the company's 10
 * objectives and its 10 departments, team 1 of 10 people, the person of
 * id 13; only the number of teams, people and personal objectives grows.
 * Each cycle gets krs / cycles KRs, 4 to an objective: the company's, two
 * per department, two per team, then one personal objective per person
 * until the cycle's share is spent. */

#define SYN_DEPTS	10
#define SYN_COMPANY	10	/* company objectives per cycle */
#define SYN_TEAM	10	/* people per team */
#define SYN_KRS		4	/* KRs per objective */
#define SYN_BATCH	5000	/* records per transaction */
#define SYN_MAXCYCLES	40

struct syn {
	struct store	*st;
	struct arena	 ar;
	struct store_rec batch[SYN_BATCH];
	size_t		 n, done, total;
	int		 dry;		/* only counting, for the progress */
	uint32_t	 oid, kid;
	int64_t		 now;
	void		(*progress)(size_t, size_t);
};

static int
syn_flush(struct syn *s)
{
	size_t changed, bad;
	int rc;

	if (s->n == 0)
		return STORE_OK;
	if ((rc = store_load(s->st, STORE_SYSTEM, s->batch, s->n, &changed,
	    &bad, NULL)) != STORE_OK)
		return rc;
	s->done += s->n;
	s->n = 0;
	arena_reset(&s->ar);
	if (s->progress != NULL)
		s->progress(s->done, s->total);
	return STORE_OK;
}

/* Queues a copy of rec (its strings stay in the batch's arena). */
static int
syn_emit(struct syn *s, enum rtype rtype, const void *rec, size_t size)
{
	void *copy;

	if (s->dry) {
		s->total++;
		return STORE_OK;
	}
	copy = arena_alloc(&s->ar, size);
	memcpy(copy, rec, size);
	s->batch[s->n].rtype = rtype;
	s->batch[s->n].id = *(const uint32_t *)rec;
	s->batch[s->n].rec = copy;
	s->batch[s->n].snapshot = NULL;
	return ++s->n == SYN_BATCH ? syn_flush(s) : STORE_OK;
}

/* One objective and up to SYN_KRS of the *left KRs of its cycle; the ids
 * of its KRs into krs (NULL: not needed), their number returned. */
static size_t
syn_objective(struct syn *s, const struct cycle *cy, struct objective *o,
    size_t *left, uint32_t *krs, int *rc)
{
	struct kr k;
	char *title = NULL, *ktitle = NULL;
	size_t j, n = *left < SYN_KRS ? *left : SYN_KRS;

	o->id = ++s->oid;
	o->cycle = cy->id;
	o->state = o->level <= LEVEL_DEPARTMENT ? OBJ_AGREED : OBJ_ACTIVE;
	o->version = 1;
	o->created_by = o->updated_by = o->owner;
	o->created_at = o->updated_at = (int64_t)cy->start * 86400 + 8 * 3600;
	if (!s->dry)
		title = arena_printf(&s->ar, "Win more customers in market %u",
		    (o->unit * 7 + o->owner) % 1000);
	o->title = title;
	o->description = (char *)"";
	if ((*rc = syn_emit(s, REC_OBJECTIVE, o, sizeof(*o))) != STORE_OK)
		return 0;
	for (j = 0; j < n; j++) {
		memset(&k, 0, sizeof(k));
		k.id = ++s->kid;
		k.objective = o->id;
		k.owner = o->owner;
		k.kind = KR_NUMERIC;
		k.direction = DIR_INCREASE;
		k.due = cy->end;
		k.version = 1;
		k.target = 100;
		k.current = (double)((o->unit * 7 + o->owner * 3 + j * 13 + cy->id * 5) % 101);
		k.weight = 1;
		k.confidence = 0.6;
		k.updated_at = o->created_at;
		/* A closed cycle's KRs were graded, in tenths. */
		k.grade = cy->state == CYCLE_CLOSED ? roundto(k.current / 100, 0.1) : -1;
		if (!s->dry)
			ktitle = arena_printf(&s->ar, "Paying customers from 0 to 100 (%zu)", j + 1);
		k.title = ktitle;
		k.unit_label = (char *)"customers";
		if (krs != NULL)
			krs[j] = k.id;
		if ((*rc = syn_emit(s, REC_KR, &k, sizeof(k))) != STORE_OK)
			return 0;
	}
	*left -= n;
	return n;
}

/* Unit ids: 1 the company, 2.. the departments, then the teams; person
 * ids: 1 admin (the company's lead), 2.. the department leads, then the
 * members, SYN_TEAM to a team, the first of each its lead. */
static int
syn_run(struct syn *s, int32_t today, size_t krs, size_t npeople, size_t ncycles)
{
	size_t teams = npeople > 1 + SYN_DEPTS + SYN_TEAM ?
	    (npeople - 1 - SYN_DEPTS) / SYN_TEAM : 1;
	size_t c, q, i, d, t, r, left, nco, nd[SYN_DEPTS], *nt = NULL;
	uint32_t co[SYN_COMPANY * SYN_KRS], dk[SYN_DEPTS][2 * SYN_KRS], *tk = NULL;
	struct unit u;
	struct person p;
	struct cycle cy, cys[SYN_MAXCYCLES];
	struct objective o;
	char names[SYN_MAXCYCLES][32];
	int pass, rc = STORE_OK;

	if ((nt = calloc(teams, sizeof(*nt))) == NULL ||
	    (tk = calloc(teams, 2 * SYN_KRS * sizeof(*tk))) == NULL) {
		free(nt);
		return STORE_ERR;
	}
	s->oid = s->kid = 0;
	/* Units without their leads, the people, then the units again with
	 * them: each names the other. */
	for (pass = 0; pass < 2 && rc == STORE_OK; pass++) {
		for (i = 0; i < 1 + SYN_DEPTS + teams && rc == STORE_OK; i++) {
			memset(&u, 0, sizeof(u));
			u.id = (uint32_t)i + 1;
			u.version = 1;
			if (i == 0) {
				u.level = LEVEL_COMPANY;
				u.name = (char *)"Synthetic Co.";
				u.lead = pass ? 1 : 0;
			} else if (i <= SYN_DEPTS) {
				u.level = LEVEL_DEPARTMENT;
				u.parent = 1;
				u.lead = pass ? (uint32_t)i + 1 : 0;
				u.name = s->dry ? NULL : arena_printf(&s->ar, "Department %zu", i);
			} else {
				t = i - 1 - SYN_DEPTS;
				u.level = LEVEL_TEAM;
				u.parent = 2 + (uint32_t)(t % SYN_DEPTS);
				u.lead = pass ? (uint32_t)(2 + SYN_DEPTS + t * SYN_TEAM) : 0;
				u.name = s->dry ? NULL : arena_printf(&s->ar, "Team %zu", t + 1);
			}
			rc = syn_emit(s, REC_UNIT, &u, sizeof(u));
		}
		for (i = 0; pass == 0 && i < npeople && rc == STORE_OK; i++) {
			memset(&p, 0, sizeof(p));
			p.id = (uint32_t)i + 1;
			p.version = 1;
			if (i == 0) {
				p.unit = 1;
				p.role = ROLE_ADMIN;
				p.login = (char *)"admin";
			} else if (i <= SYN_DEPTS) {
				p.unit = (uint32_t)i + 1;
				p.manager = 1;
				p.role = ROLE_LEAD;
			} else {
				r = i - 1 - SYN_DEPTS;
				t = r / SYN_TEAM < teams ? r / SYN_TEAM : teams - 1;
				p.unit = (uint32_t)(2 + SYN_DEPTS + t);
				p.manager = r % SYN_TEAM == 0 && r / SYN_TEAM < teams ?
				    (uint32_t)(2 + t % SYN_DEPTS) :
				    (uint32_t)(2 + SYN_DEPTS + t * SYN_TEAM);
				p.role = p.manager <= 1 + SYN_DEPTS ? ROLE_LEAD : ROLE_MEMBER;
			}
			if (!s->dry) {
				if (i > 0)
					p.login = arena_printf(&s->ar, "u%zu", i + 1);
				p.name = arena_printf(&s->ar, "Employee %zu", i + 1);
			}
			rc = syn_emit(s, REC_PERSON, &p, sizeof(p));
		}
	}
	/* The cycles, oldest first; then their OKRs, the current cycle's
	 * first, so that the pages the bench reads show the same ids at any
	 * size. */
	memset(cys, 0, sizeof(cys));
	for (c = 0; c < ncycles && rc == STORE_OK; c++) {
		quarter(today, (int)(ncycles - 1 - c), &cys[c], names[c]);
		cys[c].id = (uint32_t)c + 1;
		cys[c].version = 1;
		cys[c].state = c + 1 == ncycles ? CYCLE_ACTIVE : CYCLE_CLOSED;
		rc = syn_emit(s, REC_CYCLE, &cys[c], sizeof(cys[c]));
	}
	for (q = 0; q < ncycles && rc == STORE_OK; q++) {
		c = (q + ncycles - 1) % ncycles;
		cy = cys[c];
		left = krs / ncycles + (c < krs % ncycles);
		memset(&o, 0, sizeof(o));
		nco = 0;
		for (i = 0; i < SYN_COMPANY && left > 0 && rc == STORE_OK; i++) {
			o.unit = 1, o.owner = 1, o.level = LEVEL_COMPANY, o.parent_kr = 0;
			nco += syn_objective(s, &cy, &o, &left, co + nco, &rc);
		}
		for (d = 0; d < SYN_DEPTS; d++)
			for (nd[d] = 0, i = 0; i < 2 && left > 0 && rc == STORE_OK; i++) {
				o.unit = 2 + (uint32_t)d, o.owner = 2 + (uint32_t)d;
				o.level = LEVEL_DEPARTMENT;
				o.parent_kr = nco ? co[(d * 2 + i) % nco] : 0;
				nd[d] += syn_objective(s, &cy, &o, &left, dk[d] + nd[d], &rc);
			}
		for (t = 0; t < teams; t++)
			for (nt[t] = 0, i = 0; i < 2 && left > 0 && rc == STORE_OK; i++) {
				d = t % SYN_DEPTS;
				o.unit = 2 + SYN_DEPTS + (uint32_t)t;
				o.owner = 2 + SYN_DEPTS + (uint32_t)(t * SYN_TEAM);
				o.level = LEVEL_TEAM;
				o.parent_kr = nd[d] ? dk[d][(t / SYN_DEPTS * 2 + i) % nd[d]] : 0;
				nt[t] += syn_objective(s, &cy, &o, &left,
				    tk + t * 2 * SYN_KRS + nt[t], &rc);
			}
		for (r = 0; 1 + SYN_DEPTS + r < npeople && left > 0 && rc == STORE_OK; r++) {
			t = r / SYN_TEAM < teams ? r / SYN_TEAM : teams - 1;
			o.unit = 2 + SYN_DEPTS + (uint32_t)t;
			o.owner = 2 + SYN_DEPTS + (uint32_t)r;
			o.level = LEVEL_PERSONAL;
			o.parent_kr = nt[t] ? tk[t * 2 * SYN_KRS + r % nt[t]] : 0;
			(void)syn_objective(s, &cy, &o, &left, NULL, &rc);
		}
		if (left > 0 && rc == STORE_OK)	/* too few people for the KRs */
			rc = STORE_INVALID;
	}
	free(nt);
	free(tk);
	return rc == STORE_OK ? syn_flush(s) : rc;
}

int
demo_synth(struct store *st, int32_t today, size_t krs, size_t npeople,
    size_t cycles, void (*progress)(size_t, size_t))
{
	struct syn *s;
	size_t count;
	int rc;

	if (cycles == 0 || cycles > SYN_MAXCYCLES || npeople < 1 + SYN_DEPTS + SYN_TEAM ||
	    krs == 0 || npeople > UINT32_MAX / 4 || krs > UINT32_MAX / 4)
		return STORE_INVALID;
	if ((rc = store_count(st, REC_UNIT, &count)) != STORE_OK)
		return rc;
	if (count != 0)
		return STORE_INVALID;
	if ((s = calloc(1, sizeof(*s))) == NULL)
		return STORE_ERR;
	s->st = st;
	s->progress = progress;
	arena_init(&s->ar);
	s->dry = 1;
	if ((rc = syn_run(s, today, krs, npeople, cycles)) == STORE_OK) {
		s->dry = 0;
		rc = syn_run(s, today, krs, npeople, cycles);
	}
	arena_free(&s->ar);
	free(s);
	return rc;
}
