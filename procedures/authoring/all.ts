/** Every authored built-in procedure, in the order they are listed. */
import { dangyuanFazhan } from './dangyuan-fazhan.js';
import { diyiShuji } from './diyi-shuji.js';
import { dongtaiYujing } from './dongtai-yujing.js';
import { liangcunLianghui } from './liangcun-lianghui.js';
import { sanjianYishen } from './sanjian-yishen.js';
import { sanpiaoXuanju } from './sanpiao-xuanju.js';
import { sibuXieshang } from './sibu-xieshang.js';
import { wuyiLiangkai } from './wuyi-liangkai.js';
import { xinfang } from './xinfang.js';
import { minshengShishi } from './minsheng-shishi.js';
import { bamian } from './bamian.js';
import { daibiaoHuiyi } from './daibiao-huiyi.js';
import { cunwuGongkai } from './cunwu-gongkai.js';
import { zhaojiTiyi } from './zhaoji-tiyi.js';

export const AUTHORED = [
  wuyiLiangkai,
  sibuXieshang,
  sanpiaoXuanju,
  sanjianYishen,
  xinfang,
  dongtaiYujing,
  liangcunLianghui,
  diyiShuji,
  dangyuanFazhan,
  minshengShishi,
  bamian,
  daibiaoHuiyi,
  cunwuGongkai,
  zhaojiTiyi,
] as const;
