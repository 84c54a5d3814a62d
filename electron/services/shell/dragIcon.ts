/**
 * The image under the cursor while library images are dragged out (webContents.startDrag). It
 * must be a non-empty image (Electron's docs: "The image must be non-empty on macOS"; an empty
 * one throws) and ready before the drag, so it is the app icon, built in: the library's
 * thumbnails are WebP, which nativeImage cannot read (PNG and JPEG only), and a file beside the
 * app would depend on what the installer copies. Made from resources/icons/32x32.png.
 */
export const DRAG_ICON_DATA_URL =
  'data:image/png;base64,' +
  'iVBORw0KGgoAAAANSUhEUgAAACAAAAAgCAYAAABzenr0AAAACXBIWXMAACxLAAAsSwGlPZapAAAJp0lEQVRYw61X+VNbxx3HTfwXNL90JkeNzX0IIQQSWIhb' +
  'J7pACBD3IS4TiRt0gg4kcRvs2E6dOBnbTYPjeOqYOHHSdJImTSeltG792rSdTieZiY/UFrixsQMsn66EY+PE1GnSN/PRW719bz+f/R673w0Le/i17Xviu17C' +
  'R8PCHD8I+54XwrBNGBrrW4vBts3EWq32EQ7HsP27IPjtV+M46JgIjf0tzB1UHPtUVVnik7Wnknc2nudGNjO8qDYmI+ZpRhhvYrITOpk8Vg+Tz+pjRKx+RhIE' +
  '28xIWdYNJFDE2xhprO28NNp2ShptLxMKHY8+zC2hjsgflT0W80TV2aQdzeBGtK3zovZgd6wJwoQu5LJ6kc/uh5hjgTTFBiXPARVvCMrUIahSXVBzKVLcUHMo' +
  '2B6oEz3QJPrWNfF+yKMGz8ojHY/ds/IDyIP32Mdr59g7WsEON6xwI1tW06P3kMx4I8lhdZF8dg8Rc/qJlGsmCp6NiNlWImHbiIbvJBqekxTxXKSI6yZFKW6i' +
  '4VCw3YSKWFXHu1d0CRNQR3vmNpHfE6EN2/BV7ON1etZTTWDvaFxNjWhBenQ7MuNNyEnqRgG7D5QYhTwb1BmDkKU44GyZhKtlL7WAC2UCL0ozvNDxfdDxKLg+' +
  'lKRQsL0oTqJI8K6WJkxCHevXb8TW7CNfC7ywsIQnG2aT6ey5u1rW6MyRGUfJWZQ8mZKnmqHKcECb6URp9jDU/CF8/P4r+Ov7J6FN96AmbxzVOeOoFI5DnzEK' +
  'PX8UZakjKEsZRWnyKHQs/5o+cRq6uInZr7LjPvMHA4/1ROMCd2cbeJFtRBBjRDb1+1czV/DsECeZIWNbIU60oUnhws2/nMAyRavSCyX1uZbrRQnXj2rBBKoy' +
  'JlDJH0dFKgVnHOVJ46QiaRr6+NEFx0ZA3uUO/QTTJvkpwwXernZkRLeTrLhO5Cf1QsKhZk+jZk8fxLj1pzi+/wwOj53G+2fexvKnvwnhgzPv4IXx13HiwDk8' +
  '43gVdVmTqBVMoSZjCtW8KVRxp1CZPEXqOFOoY3svGDiHtn9TQJhhe8qOFiYj0oTMGBPJTeiBiD2AwlQrlGl2lOW6cOP6vwDcwvr6TYDcwPrKv0MItddv0L7l' +
  '0DtN4mnUCabRIJhBLZ8ibRr13AnSkjaG5hQnY6CTfaAF0sLbGEFUJ7JiO0lBIjV9soWSO6BOG6IC3Pji6kXgdgBrN65iffka1u4AFF8uXcPy1UXcuHYJzaJp' +
  'NGbuo9iPxowZNKVPopU/QjrSfTDyBrcQQC3AD6cLTXQPcmK7iZg1ADnHCjXN8yK+CxV5Htykg2N1CWs3A8BaABc/XcTFTxbpzAMIfBLA3z9cwu3rl9AipqTC' +
  'Z9CStR9tmVMwCkbRsXuY9As86E23Moe2skBGuJHJielFXlwvkbAsKOTYUcRzopjvRmWe964AshIIkc4+t4STh5doexFkdTHUdzNwGW0SSkzJjbl70Zk9hu4s' +
  'L/oyXcSeNQSboG9rAYKdJiY3ZgAFcXSxSaK+5wyimOdGCX8YVbm+DQErS/jsnwEcP7iE/qrrcOqX8MbMZSz+4zLtW6TvXIZROo2O3Cn00NTso99ZclywZtuI' +
  'J9cKl7B7awGZ4R1MXowZorgBImfZoeIMQcvz0IXFe09AaJYBfPDGIkYalrCv9gr+NHcRXwaubvRRAV2yCfTmjcFS4Ict342hfAdcuQNkNL8f/lzj1gKEO7uZ' +
  'gmgrFWAmhSwafMkuaNOGoUvzoSrHf88Ft6+FzP7bk1ewcPIz2g4+C9wRcAl98hFY8n0YFHvgEjkwXGCGP7+HTIu6MZXXtrWArJ09jCjKBkmshRQmDkLDdtGF' +
  'xRtaVquzR+4KCGYAvqTmvvJ5CMF26BntW6bvWAuHMVjggkc8CJ/YjDFxD6YKTOSgxIhnCgz/RUB4HyOOskMaYyOK+CFokjyh9VzH8aMycyRk3pCAW4FQOq7f' +
  'Qah9a8MCyzQI7XInPCI7RqQWTEh6MS3pwH5xG3le1orDkhrmkGELAbnh/Yw40gG6f1MBTrqVUv8n++haPoL6LD+uX/qUpt91SnYtRLoZoWe074vLn8CrsmJE' +
  'PIBJWS9mpCYckO7BTyQGclzegGOyyq0F5IebGUnEIKRRg0QZSwUkUAsk+VHG8WH+sANrC5O49btDFAewTHF74WAIy3f+L9P2ysIU/vyCGeOSTuyn5IdkbXhO' +
  'ZsCLslpyQlGNE4WlzPxWAkQ7rYwswglpBBUQ7YImbhhlSSOQR/jwQrcdV14zo1faBUthN3rE3TjRVYVXeyqpyY0YKW7DaFETPn9tAGftnfBlU3Mr2vC8vBFH' +
  'C2vwklxPTqv1+Llau7UA6S7HhcJINyV0EiW9a2KHUZo4gsJdfrw3ZcObPgtUEW608oZRzfLgYE0VDtdVwMi1wZ3Xh97Up/Hr8W5cOECjPYfOWtGIY5T8Zwo9' +
  'TipLyJtaHc5p1RfmDZztG1vyJgHBmk0W4VpQRdGtNdJDVJEeFEV7KUZRk+LB56f74NP1o4FmxkC2Eya6PxxprMLRpgo4hAOYkXdhLKcdx+qbce21HjyvqqX+' +
  'rsKsohynVCU4oyki7+qK8J6ucOGXwlCVfFfA3eJAGeWdDRKqojxrGiqkJIbO/sd+7K2y4OKJDhhS+imxA2aBFZ20RjjaVI6XWnRw7u7APskeHBC3YK+oGpde' +
  'MeHtjjocE+lwWlOC14s0eEurXJuvVGFeL9soSHBfSbZRHqmjhvUlMRPQRPpWtdF+6ON8UO9w4pyzE2+52lET04eBdDNsu3th5XdjUlWNGU0FxrJacVBkwBFp' +
  'PWaE5fjI34g/jjfgJZEGb2o1+EWJAu+VyleZGjl+X10QKsmwqWS/rygtjhqZq4zfj/JY70pNgnu1NsFOTLs7iZFvJJ2cHmLhd5GhDBPxZrYTd0Yz8QsaycGC' +
  'evKcqIYclVaS45JS8qKymLys1ZA5tZK8o1Os/qpUuvK3+kL8oTp/Dpu4HnAgCQtTRc/8sDzOc7aZRn87Z3i9gzuEDrotD6QNUFP3wZvZhfFsE6Zz9+BZUSuO' +
  'SAw4KqvHy4oa6usKau5yvFFUjLeL1fhQr8T5asX6x3VSLFTmnJ0vEz52n++3OpgEa7amJHtZO8dyqjOl/7yZ38sMpncwLoGR8Qn3MJNZLcy+3Abm2YJ65oi0' +
  'mjkmr2CC+U2DjZnTaJhzJSrm3VI580G55PxH+vxTC1XZZdgIvG142BEtGJCOTUezWeqr4Nr9QBg2MP8NcELY7GeHgx7NgG9/WA1WyY7/x+GUkt5Ju+98Uv6f' +
  'juP4Gh42+H8A8waRTKVFMccAAAAASUVORK5CYII=';
