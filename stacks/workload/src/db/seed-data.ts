// The CloudMart catalogue every fresh database starts with. Seeding is keyed by sku and
// never overwrites a row, so restarts and several instances starting at once are safe.

export interface SeedProduct {
  sku: string;
  name: string;
  description: string;
  category: string;
  /** KRW */
  price: number;
  stock: number;
}

export const SEED_PRODUCTS: readonly SeedProduct[] = [
  { sku: 'CM-0001', name: '무선 블루투스 이어폰', description: 'Wireless earbuds with noise cancelling, 24 h battery.', category: 'electronics', price: 59_000, stock: 500 },
  { sku: 'CM-0002', name: '기계식 키보드', description: 'Mechanical keyboard, brown switches, Korean layout.', category: 'electronics', price: 89_000, stock: 300 },
  { sku: 'CM-0003', name: '무선 마우스', description: 'Silent wireless mouse, USB-C charging.', category: 'electronics', price: 29_000, stock: 800 },
  { sku: 'CM-0004', name: '27인치 모니터', description: '27-inch QHD IPS monitor, 75 Hz.', category: 'electronics', price: 289_000, stock: 120 },
  { sku: 'CM-0005', name: 'USB-C 허브', description: '7-in-1 USB-C hub with HDMI and card reader.', category: 'electronics', price: 39_000, stock: 600 },
  { sku: 'CM-0006', name: '보조배터리 20000mAh', description: '20,000 mAh power bank, 22.5 W fast charging.', category: 'electronics', price: 35_000, stock: 700 },
  { sku: 'CM-0007', name: '노트북 거치대', description: 'Aluminium laptop stand, adjustable height.', category: 'office', price: 32_000, stock: 400 },
  { sku: 'CM-0008', name: '인체공학 의자', description: 'Ergonomic office chair with lumbar support.', category: 'office', price: 219_000, stock: 80 },
  { sku: 'CM-0009', name: '스탠딩 책상', description: 'Electric standing desk, 140 x 70 cm.', category: 'office', price: 399_000, stock: 50 },
  { sku: 'CM-0010', name: 'LED 데스크 램프', description: 'Dimmable LED desk lamp with wireless charger.', category: 'office', price: 45_000, stock: 350 },
  { sku: 'CM-0011', name: '텀블러 500ml', description: 'Stainless steel tumbler, keeps drinks hot for 12 h.', category: 'kitchen', price: 18_000, stock: 900 },
  { sku: 'CM-0012', name: '핸드드립 커피 세트', description: 'Pour-over coffee set: dripper, kettle and filters.', category: 'kitchen', price: 49_000, stock: 250 },
  { sku: 'CM-0013', name: '제주 녹차 티백', description: 'Jeju green tea, 50 tea bags.', category: 'food', price: 12_000, stock: 1_000 },
  { sku: 'CM-0014', name: '유기농 견과류 믹스', description: 'Organic mixed nuts, 30 daily packs.', category: 'food', price: 27_000, stock: 600 },
  { sku: 'CM-0015', name: '백팩', description: 'Water-resistant 15.6-inch laptop backpack.', category: 'fashion', price: 69_000, stock: 300 },
  { sku: 'CM-0016', name: '후드 티셔츠', description: 'Cotton hoodie with the CloudMart logo.', category: 'fashion', price: 39_000, stock: 400 },
  { sku: 'CM-0017', name: '러닝화', description: 'Lightweight running shoes, mesh upper.', category: 'fashion', price: 99_000, stock: 200 },
  { sku: 'CM-0018', name: '클라우드 아키텍처 입문서', description: 'An introduction to cloud architecture on AWS (Korean).', category: 'books', price: 32_000, stock: 150 },
  { sku: 'CM-0019', name: '쿠버네티스 실전 가이드', description: 'Kubernetes in practice (Korean).', category: 'books', price: 36_000, stock: 150 },
  { sku: 'CM-0020', name: '요가 매트', description: '6 mm TPE yoga mat with carrying strap.', category: 'sports', price: 25_000, stock: 300 },
  { sku: 'CM-0021', name: '덤벨 세트', description: 'Adjustable dumbbell set, 2 x 10 kg.', category: 'sports', price: 79_000, stock: 100 },
  { sku: 'CM-0022', name: '캠핑 의자', description: 'Foldable camping chair, 120 kg load.', category: 'outdoor', price: 42_000, stock: 200 },
  { sku: 'CM-0023', name: '미니 가습기', description: 'USB mini humidifier for the desk.', category: 'home', price: 22_000, stock: 500 },
  { sku: 'CM-0024', name: '무드등', description: 'Wooden mood light with warm white LED.', category: 'home', price: 19_000, stock: 450 },
];
