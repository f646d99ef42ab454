#!/usr/bin/env bash
# Regenerates the abstract featured images for the Gazette demo articles.
#
# Every article in ../demo-content.json has image.file == its slug; this
# script writes {file}-480.jpg, {file}-960.jpg and {file}-1600.jpg (16:9)
# next to itself. The output is fully deterministic (no randomness), so
# running it again reproduces the same pictures.
#
# Requires ImageMagick 6 (`convert`), e.g. `apt-get install -y imagemagick`.
# Usage: ./make-images.sh            (all images)
#        ./make-images.sh SLUG ...   (only the named ones)
set -euo pipefail

cd "$(dirname "$0")"
command -v convert >/dev/null || { echo "ImageMagick 'convert' not found" >&2; exit 1; }

W=1600
H=900
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# render FILE ANGLE COLOR1 COLOR2 GLOW_MVG SHAPES_MVG
#   ANGLE/COLOR1/COLOR2: linear background gradient
#   GLOW_MVG:   large soft shapes, blurred heavily, for depth and light
#   SHAPES_MVG: crisp foreground shapes; they get a soft drop shadow
render() {
  local file=$1 angle=$2 c1=$3 c2=$4 glow=$5 shapes=$6
  local master="$TMP/$file.png" t="$TMP/$file"
  convert -size ${W}x${H} -define gradient:angle="$angle" gradient:"$c1-$c2" "$t-bg.png"
  # blur at quarter size: same look as a huge blur, much faster
  convert -size ${W}x${H} xc:none -draw "$glow" -resize 25% -blur 0x22 -resize ${W}x${H}! "$t-glow.png"
  convert -size ${W}x${H} xc:none -draw "$shapes" "$t-shapes.png"
  convert "$t-shapes.png" -fill black -colorize 100 \
    -channel A -evaluate multiply 0.30 -blur 0x22 +channel "$t-shadow.png"
  convert "$t-bg.png" "$t-glow.png" -composite \
    "$t-shadow.png" -geometry +0+18 -composite \
    "$t-shapes.png" -geometry +0+0 -composite "$master"
  for w in 1600 960 480; do
    local h=$(( w * 9 / 16 ))
    convert "$master" -filter Lanczos -resize ${w}x${h}! -strip \
      -sampling-factor 4:2:0 -interlace Plane -quality 70 "$file-$w.jpg"
  done
  echo "made $file"
}

want() {  # true when no slugs were given, or when $1 is among them
  [ ${#ONLY[@]} -eq 0 ] && return 0
  local s; for s in "${ONLY[@]}"; do [ "$s" = "$1" ] && return 0; done; return 1
}
ONLY=("$@")

# ---------------------------------------------------------------- motifs ----

img_brightfold_air() {  # an ultralight laptop seen from the side, lid open
  render brightfold-air-14-hands-on 120 '#0f5257' '#e8d9b5' \
    "fill rgba(255,244,214,0.55) circle 1150,250 1150,560  fill rgba(20,120,120,0.5) circle 300,800 300,1100" \
    "push graphic-context translate 560,640 rotate -6
       fill rgba(236,240,238,0.97) roundrectangle 0,-22 780,0 11,11
       fill rgba(40,70,72,0.55) roundrectangle 40,-14 740,-9 3,3
     pop graphic-context
     push graphic-context translate 566,626 rotate -112
       fill rgba(250,252,250,0.92) roundrectangle 0,-8 580,9 8,8
     pop graphic-context
     fill rgba(255,255,255,0.85) circle 566,630 566,646
     fill rgba(255,255,255,0.6) circle 1240,260 1240,276"
}

img_corvex_nova() {  # three overlapping glowing lenses
  render corvex-nova-7-review 160 '#1b1446' '#3a2f8f' \
    "fill rgba(140,120,255,0.75) circle 800,450 800,820  fill rgba(255,110,200,0.35) circle 1300,160 1300,420" \
    "fill rgba(120,200,255,0.55) circle 680,380 680,560
     fill rgba(200,140,255,0.55) circle 920,380 920,560
     fill rgba(255,160,210,0.55) circle 800,590 800,770
     fill none stroke rgba(255,255,255,0.7) stroke-width 6 circle 680,380 680,470
     fill none stroke rgba(255,255,255,0.7) stroke-width 6 circle 920,380 920,470
     fill none stroke rgba(255,255,255,0.7) stroke-width 6 circle 800,590 800,680
     fill rgba(255,255,255,0.9) circle 1120,600 1120,618"
}

img_halcyon_conference() {  # rows of dots converging towards a stage light
  local mvg="" r i x y rad a
  for r in 1 2 3 4 5 6 7 8 9 10 11; do
    for i in $(seq 0 23); do
      a=$(( i * 15 ))
      # polar to cartesian around the light at (1100,330), integer maths via awk
      read -r x y rad < <(awk -v r="$r" -v a="$a" 'BEGIN{
        d=r*r*9+40; t=a*3.14159265/180;
        printf "%d %d %d\n", 1100+d*cos(t)*1.35, 330+d*sin(t), 3+r*1.6 }')
      mvg+="fill rgba(255,240,225,0.$(( 95 - r * 7 ))) circle $x,$y $((x + rad)),$y "
    done
  done
  render halcyon-sets-date-for-first-developer-conference 135 '#ff8a3d' '#8e1f6b' \
    "fill rgba(255,250,220,0.95) circle 1100,330 1100,560  fill rgba(120,20,90,0.6) circle 200,850 200,1200" \
    "$mvg fill white circle 1100,330 1100,372"
}

img_pikra_europe() {  # map-like blobs and a sweeping band
  render pikra-signals-plans-to-sell-phones-in-europe 100 '#0b3d91' '#2a7fd4' \
    "fill rgba(255,214,90,0.55) circle 1300,700 1300,1000  fill rgba(120,200,255,0.6) circle 300,200 300,480" \
    "fill rgba(255,255,255,0.20) path 'M 240,300 C 320,200 520,230 560,320 C 600,420 460,520 360,500 C 250,480 170,390 240,300 Z'
     fill rgba(255,255,255,0.16) path 'M 520,560 C 600,500 760,520 780,610 C 800,700 650,760 560,720 C 490,690 470,610 520,560 Z'
     fill rgba(255,255,255,0.22) path 'M 1080,220 C 1200,150 1400,190 1420,300 C 1440,420 1270,470 1160,430 C 1060,390 1000,280 1080,220 Z'
     fill rgba(255,208,64,0.92) path 'M 1380,380 C 1180,420 900,470 640,440 L 640,400 L 480,470 L 640,545 L 640,505 C 930,535 1200,480 1400,430 Z'
     fill rgba(255,255,255,0.9) circle 1395,405 1395,425"
}

img_nimbleware_office() {  # stacked pages and a looping arrow
  render nimbleware-office-moves-to-subscription 150 '#2f5d50' '#9cc5a1' \
    "fill rgba(230,255,230,0.5) circle 1200,300 1200,600" \
    "push graphic-context translate 560,470 rotate -8
       fill rgba(255,255,255,0.55) roundrectangle -200,-270 200,270 18,18
     pop graphic-context
     push graphic-context translate 600,455 rotate -2
       fill rgba(255,255,255,0.75) roundrectangle -200,-270 200,270 18,18
     pop graphic-context
     push graphic-context translate 640,450 rotate 5
       fill rgba(255,255,255,0.95) roundrectangle -200,-270 200,270 18,18
       fill rgba(47,93,80,0.35) roundrectangle -140,-200 140,-180 6,6
       fill rgba(47,93,80,0.25) roundrectangle -140,-140 120,-124 6,6
       fill rgba(47,93,80,0.25) roundrectangle -140,-96 140,-80 6,6
       fill rgba(47,93,80,0.25) roundrectangle -140,-52 80,-36 6,6
     pop graphic-context
     fill none stroke rgba(255,248,220,0.95) stroke-width 26 stroke-linecap round
       path 'M 1270,330 A 170,170 0 1 1 1110,250'
     fill rgba(255,248,220,0.95) stroke none polygon 1080,190 1170,250 1080,305"
}

img_halcyon_h9() {  # ascending bar chart in lime and cyan
  local mvg="" i x h col
  for i in 0 1 2 3 4 5 6 7; do
    x=$(( 330 + i * 130 ))
    h=$(( 120 + i * i * 9 + i * 25 ))
    if (( i % 2 )); then col='rgba(70,230,255,0.9)'; else col='rgba(190,255,70,0.9)'; fi
    [ $i -eq 7 ] && col='rgba(255,255,255,0.95)'
    mvg+="fill $col roundrectangle $x,$(( 760 - h )) $(( x + 84 )),760 10,10 "
  done
  render halcyon-h9-benchmarks-leak 90 '#15181d' '#2d3540' \
    "fill rgba(120,255,120,0.35) circle 1250,250 1250,520  fill rgba(60,200,255,0.3) circle 300,700 300,950" \
    "$mvg fill rgba(255,255,255,0.35) rectangle 300,772 1380,776"
}

img_lumara_fold() {  # two panels meeting at a bright crease
  render lumara-fold-2-durability-test 45 '#ff7e67' '#5b2a5e' \
    "fill rgba(255,220,180,0.6) circle 800,200 800,560" \
    "fill rgba(255,255,255,0.30) polygon 330,180 790,250 790,760 330,700
     fill rgba(255,255,255,0.50) polygon 810,250 1270,180 1270,700 810,760
     fill rgba(255,250,235,0.95) polygon 790,250 810,250 810,760 790,760
     fill rgba(255,255,255,0.18) polygon 370,230 750,285 750,350 370,300"
}

img_quillstone_beta() {  # tidy overlapping translucent windows
  render quillstone-os-4-public-beta 170 '#e6e0f8' '#b7c7ee' \
    "fill rgba(255,255,255,0.8) circle 400,250 400,600  fill rgba(120,140,230,0.45) circle 1300,750 1300,1050" \
    "fill rgba(90,120,210,0.35) roundrectangle 300,180 1000,640 24,24
     fill rgba(90,120,210,0.55) roundrectangle 300,180 1000,230 24,24
     fill rgba(255,255,255,0.60) roundrectangle 560,300 1250,740 24,24
     fill rgba(110,150,230,0.70) roundrectangle 560,300 1250,350 24,24
     fill rgba(255,255,255,0.85) circle 600,325 611,325
     fill rgba(255,255,255,0.85) circle 635,325 646,325
     fill rgba(60,80,170,0.30) roundrectangle 420,470 700,690 18,18
     fill rgba(60,80,170,0.18) roundrectangle 620,400 1180,420 8,8
     fill rgba(60,80,170,0.12) roundrectangle 620,450 1080,470 8,8
     fill rgba(60,80,170,0.12) roundrectangle 620,500 1140,520 8,8
     fill rgba(255,255,255,0.9) roundrectangle 480,800 1120,850 25,25"
}

img_tessel_earbuds() {  # two pebbles and a hexagon
  render tessel-labs-raises-funding-for-repairable-earbuds 110 '#bfe8d4' '#fbf3e2' \
    "fill rgba(90,190,160,0.45) circle 500,450 500,800  fill rgba(255,210,160,0.5) circle 1300,250 1300,500" \
    "push graphic-context translate 560,440 rotate -20
       fill rgba(255,255,255,0.95) ellipse 0,0 150,190 0,360
       fill rgba(60,150,125,0.85) ellipse 0,-60 70,70 0,360
     pop graphic-context
     push graphic-context translate 900,500 rotate 18
       fill rgba(255,255,255,0.95) ellipse 0,0 150,190 0,360
       fill rgba(60,150,125,0.85) ellipse 0,-60 70,70 0,360
     pop graphic-context
     fill rgba(255,170,110,0.9) polygon 1220,560 1280,595 1280,665 1220,700 1160,665 1160,595
     fill rgba(255,255,255,0.9) circle 1220,630 1220,652"
}

img_arcwright_core() {  # circuit floorplan grid
  local mvg="" i j x y
  for i in $(seq 0 9); do
    for j in $(seq 0 5); do
      x=$(( 420 + i * 80 )); y=$(( 230 + j * 80 ))
      if (( (i * 7 + j * 3) % 5 == 0 )); then
        mvg+="fill rgba(120,255,220,0.85) roundrectangle $x,$y $(( x + 56 )),$(( y + 56 )) 8,8 "
      else
        mvg+="fill rgba(255,255,255,0.16) roundrectangle $x,$y $(( x + 56 )),$(( y + 56 )) 8,8 "
      fi
    done
  done
  render arcwright-open-sources-smallest-risc-core 135 '#06373d' '#0f6b6b' \
    "fill rgba(80,255,210,0.35) circle 800,450 800,800" \
    "$mvg
     fill none stroke rgba(160,255,230,0.7) stroke-width 4
       polyline 300,286 448,286 448,446 688,446 688,606 1300,606
       polyline 1300,206 1008,206 1008,366 768,366 768,526
     stroke none fill rgba(200,255,240,0.95) circle 300,286 300,300 circle 1300,606 1300,620 circle 1300,206 1300,220"
}

img_brightfold_recall() {  # zigzag bolt across a circle
  render brightfold-recalls-65w-chargers 135 '#2b2b2e' '#a35b00' \
    "fill rgba(255,170,40,0.6) circle 800,450 800,820" \
    "fill none stroke rgba(255,210,120,0.9) stroke-width 18 circle 800,450 800,720
     fill rgba(255,196,60,0.97) polygon 860,150 620,500 780,500 700,760 990,380 830,380 930,150"
}

img_orbitel_5g() {  # concentric arcs radiating from a point
  local mvg="" r
  # arcs as open polylines (IM6 strokes partial ellipses/arcs as closed shapes)
  for r in 130 230 330 430 530 630; do
    mvg+=$(awk -v r="$r" 'BEGIN{
      pi=3.14159265;
      printf "fill none stroke rgba(255,255,255,%.2f) stroke-width 22 stroke-linecap round stroke-linejoin round polyline", 0.95-r/900;
      for (d=-80; d<=-10; d+=2.5) printf " %d,%d", 330+r*cos(d*pi/180), 760+r*sin(d*pi/180);
      printf " " }')
  done
  render orbitel-expands-standalone-5g 60 '#0a1f4d' '#58b4ff' \
    "fill rgba(200,240,255,0.55) circle 1250,220 1250,520" \
    "$mvg fill rgba(255,255,255,0.95) circle 330,760 330,800
     fill rgba(255,255,255,0.35) circle 1240,230 1240,250"
}

img_corvex_battery() {  # battery outline partly filled with soft bands
  render corvex-update-adds-battery-health-limits 30 '#1f5130' '#a6d96a' \
    "fill rgba(230,255,180,0.5) circle 1200,300 1200,600" \
    "fill none stroke rgba(255,255,255,0.95) stroke-width 22 roundrectangle 430,260 1110,640 50,50
     fill rgba(255,255,255,0.95) roundrectangle 1120,380 1170,520 14,14
     fill rgba(220,255,150,0.95) roundrectangle 470,300 600,600 24,24
     fill rgba(200,250,130,0.85) roundrectangle 620,300 750,600 24,24
     fill rgba(180,240,110,0.75) roundrectangle 770,300 900,600 24,24
     fill rgba(255,255,255,0.22) roundrectangle 920,300 1070,600 24,24"
}

img_ai_showdown() {  # crimson vs blue halves with two facing diamonds
  render halcyon-and-arcwright-trade-blows-over-ai-performance 90 '#1a1030' '#241a40' \
    "fill rgba(220,40,70,0.75) circle 350,450 350,850  fill rgba(40,120,255,0.75) circle 1250,450 1250,850" \
    "fill rgba(220,50,80,0.35) polygon 0,0 760,0 840,900 0,900
     fill rgba(40,120,255,0.35) polygon 760,0 1600,0 1600,900 840,900
     fill rgba(255,120,140,0.95) polygon 520,450 650,290 780,450 650,610
     fill rgba(120,190,255,0.95) polygon 820,450 950,290 1080,450 950,610
     fill rgba(255,255,255,0.9) polygon 790,300 810,300 830,600 810,600"
}

img_kestrel_blade() {  # angular neon shards
  render kestrel-blade-16-review 150 '#1c0933' '#4a1670' \
    "fill rgba(255,60,170,0.55) circle 1200,650 1200,1000  fill rgba(255,140,40,0.4) circle 300,200 300,500" \
    "fill rgba(255,60,170,0.85) polygon 300,700 760,180 860,260 460,760
     fill rgba(255,150,50,0.85) polygon 700,760 1180,220 1260,300 860,790
     fill rgba(255,255,255,0.75) polygon 1060,790 1340,420 1380,470 1140,810
     fill rgba(140,80,255,0.6) polygon 200,260 420,180 380,320"
}

img_nimbleware_vault() {  # shield with a keyhole
  render nimbleware-vault-adds-passkeys 140 '#0b1f3a' '#1f4c7a' \
    "fill rgba(255,200,80,0.5) circle 800,430 800,760" \
    "fill rgba(255,210,110,0.95) path 'M 800,150 L 1040,240 C 1040,470 960,650 800,760 C 640,650 560,470 560,240 Z'
     fill rgba(11,31,58,0.92) circle 800,400 800,455
     fill rgba(11,31,58,0.92) polygon 770,430 830,430 855,600 745,600
     fill none stroke rgba(255,235,180,0.6) stroke-width 8 path 'M 800,105 L 1085,210 C 1085,490 990,700 800,815 C 610,700 515,490 515,210 Z'"
}

img_repair_report() {  # scattered tool-like shapes
  render repairability-report-ranks-phones-and-laptops 120 '#c4562f' '#e9a66b' \
    "fill rgba(255,230,190,0.55) circle 1100,350 1100,650" \
    "push graphic-context translate 500,360 rotate 35
       fill rgba(255,244,225,0.95) roundrectangle -30,-220 30,160 20,20
       fill rgba(255,244,225,0.95) circle 0,-230 0,-150
       fill rgba(196,86,47,1) roundrectangle -25,-330 25,-230 10,10
     pop graphic-context
     push graphic-context translate 1080,470 rotate -25
       fill rgba(110,120,60,0.9) roundrectangle -24,-60 24,240 14,14
       fill rgba(255,244,225,0.95) roundrectangle -10,-250 10,-60 6,6
     pop graphic-context
     fill none stroke rgba(255,244,225,0.9) stroke-width 14 circle 760,650 760,720
     fill rgba(110,120,60,0.85) circle 1300,220 1300,250
     fill rgba(255,244,225,0.8) circle 300,720 300,742
     fill rgba(110,120,60,0.7) roundrectangle 820,200 960,224 12,12"
}

# ----------------------------------------------------------------- build ----

for fn in \
  img_brightfold_air:brightfold-air-14-hands-on \
  img_corvex_nova:corvex-nova-7-review \
  img_halcyon_conference:halcyon-sets-date-for-first-developer-conference \
  img_pikra_europe:pikra-signals-plans-to-sell-phones-in-europe \
  img_nimbleware_office:nimbleware-office-moves-to-subscription \
  img_halcyon_h9:halcyon-h9-benchmarks-leak \
  img_lumara_fold:lumara-fold-2-durability-test \
  img_quillstone_beta:quillstone-os-4-public-beta \
  img_tessel_earbuds:tessel-labs-raises-funding-for-repairable-earbuds \
  img_arcwright_core:arcwright-open-sources-smallest-risc-core \
  img_brightfold_recall:brightfold-recalls-65w-chargers \
  img_orbitel_5g:orbitel-expands-standalone-5g \
  img_corvex_battery:corvex-update-adds-battery-health-limits \
  img_ai_showdown:halcyon-and-arcwright-trade-blows-over-ai-performance \
  img_kestrel_blade:kestrel-blade-16-review \
  img_nimbleware_vault:nimbleware-vault-adds-passkeys \
  img_repair_report:repairability-report-ranks-phones-and-laptops
do
  if want "${fn#*:}"; then "${fn%%:*}"; fi
done
exit 0
